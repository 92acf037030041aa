// Runs the browser tests one file at a time, on any Node.js from 18 (Debian 12's) on: the
// --test-concurrency flag exists only from Node 20.10, and one Chromium at a time suits 2 cores.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const dir = path.dirname(fileURLToPath(import.meta.url));
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.test.mjs'))
  .sort()
  .map((name) => path.join(dir, name));
const [major, minor] = process.versions.node.split('.').map(Number);
const args = ['--test'];
if (major > 20 || (major === 20 && minor >= 10)) args.push('--test-concurrency=1');
const result = spawnSync(process.execPath, [...args, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
