// Starts the real caseboard binary for one test: an ephemeral port, a fresh database in a
// temporary directory, output to a log file (polled for the "listening on" line), and a stop
// by PID with SIGTERM.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..', '..');
export const binary = process.env.CASEBOARD_BINARY || path.join(repoRoot, 'build', 'caseboard');

const START_TIMEOUT_MS = 15_000;
const COMMAND_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;
const LISTENING = /listening on http:\/\/([\d.]+):(\d+)/;

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Creates an account from the command line (`caseboard user add`), as an operator makes the
 * first admin when registration is not open. The password goes in on standard input.
 */
function addUser(database, { email, role, password }) {
  const result = spawnSync(binary, ['user', 'add', email, '--role', role, '--database', database], {
    input: `${password}\n`,
    encoding: 'utf8',
    timeout: COMMAND_TIMEOUT_MS,
  });
  if (result.status !== 0) {
    throw new Error(`caseboard user add ${email} failed (${result.error ? result.error.message : `exit ${result.status}`}):\n${result.stdout}${result.stderr}`);
  }
}

/**
 * options: { tokenTtl (seconds), idleTimeout (seconds), registration (policy), users (accounts
 * to create before the start: [{ email, role, password }]), port (reuse one, e.g. for a
 * restart), dir (reuse a database directory), args (extra flags) }. Resolves to a Server.
 */
export async function startServer(options = {}) {
  if (!fs.existsSync(binary)) {
    throw new Error(`caseboard binary not found at ${binary}: build it first or set CASEBOARD_BINARY`);
  }
  const dir = options.dir || fs.mkdtempSync(path.join(os.tmpdir(), 'caseboard-e2e-'));
  const logPath = path.join(dir, `server-${Date.now()}.log`);
  const database = path.join(dir, 'caseboard.db');
  // A restart reuses the directory, and the accounts in it.
  if (!options.dir) {
    try {
      for (const user of options.users || []) addUser(database, user);
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }
  const args = [
    'serve', '--host', '127.0.0.1', '--port', String(options.port ?? 0),
    '--database', database,
    ...(options.tokenTtl ? ['--token-ttl', String(options.tokenTtl)] : []),
    ...(options.idleTimeout ? ['--idle-timeout', String(options.idleTimeout)] : []),
    ...(options.registration ? ['--registration', options.registration] : []),
    ...(options.args || []),
  ];
  // A file, not a pipe: nobody has to keep reading it for the server to make progress.
  const fd = fs.openSync(logPath, 'w');
  const child = spawn(binary, args, { stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);

  let exit = null;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => { exit = { code, signal }; resolve(exit); }));
  const readLog = () => { try { return fs.readFileSync(logPath, 'utf8'); } catch { return ''; } };

  // Errors (e.g. the binary being rebuilt under us) must not leave the directory behind.
  let spawnError = null;
  child.once('error', (error) => { spawnError = error; });
  const fail = async (message) => {
    const log = readLog();
    if (!exit && !spawnError) { child.kill('SIGKILL'); await exited; }
    if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`${message}:\n${log}`);
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  let match = null;
  while (!match) {
    match = LISTENING.exec(readLog());
    if (match) break;
    if (spawnError) await fail(`caseboard could not be started (${spawnError.message})`);
    if (exit) await fail(`caseboard exited (${JSON.stringify(exit)}) before listening`);
    if (Date.now() > deadline) await fail(`caseboard did not log "listening on" within ${START_TIMEOUT_MS} ms`);
    await sleep(50);
  }

  const port = Number(match[2]);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dir,
    pid: child.pid,
    log: readLog,
    /** SIGTERM, wait for the exit (SIGKILL after a timeout). Resolves to { code, signal }. */
    async stop({ keepDir = false } = {}) {
      if (!exit) {
        process.kill(child.pid, 'SIGTERM');
        const timer = setTimeout(() => { if (!exit) process.kill(child.pid, 'SIGKILL'); }, STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      if (!keepDir && !options.dir) fs.rmSync(dir, { recursive: true, force: true });
      return exit;
    },
    /** Removes the temporary directory (after a stop with keepDir). */
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
