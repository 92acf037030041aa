// The test OpenID provider (tests/oidc/provider.mjs, a real oidc-provider) for browser tests:
// started on a free loopback port, stopped by PID (and it exits by itself when our end of its
// standard input closes, so a test process that dies never leaves it behind).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './server.mjs';

const START_TIMEOUT_MS = 15_000;
const CLIENT_ID = 'caseboard';
const CLIENT_SECRET = 'caseboard-test-secret';

/** Resolves to { issuer, stop() } once the provider answers. */
export function startProvider() {
  const child = spawn(process.execPath, [path.join(repoRoot, 'tests', 'oidc', 'provider.mjs'),
    '--client-id', CLIENT_ID, '--client-secret', CLIENT_SECRET, '--redirect-any-port'],
  { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk) => { output += chunk; });
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { stop(); reject(new Error(`the OpenID provider did not start:\n${output}`)); }, START_TIMEOUT_MS);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the OpenID provider exited (${code}):\n${output}`)); });
    child.stdout.once('data', (chunk) => {
      clearTimeout(timer);
      child.stdout.resume(); // whatever it prints later must not fill the pipe and stall it
      const port = Number(String(chunk).trim().split('\n')[0]);
      resolve({ issuer: `http://127.0.0.1:${port}`, stop });
    });
  });
}

/** A loopback port free at the moment: the server must know its own address for --public-url. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * startServer options for a board that signs in with `provider`, on `port`; the client secret
 * goes to a file in `dir` (removed with the test's temporary directory by the caller).
 */
export function oidcServerOptions(provider, port, dir, roleMap) {
  const secretFile = path.join(dir, 'client-secret');
  fs.writeFileSync(secretFile, `${CLIENT_SECRET}\n`, { mode: 0o600 });
  return {
    port,
    args: ['--oidc-issuer', provider.issuer, '--oidc-client-id', CLIENT_ID, '--oidc-client-secret-file', secretFile,
      ...roleMap.flatMap((entry) => ['--oidc-role-map', entry]), '--public-url', `http://127.0.0.1:${port}`],
  };
}

export function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'caseboard-e2e-oidc-'));
}
