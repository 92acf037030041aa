// Two Caseboard instances on one database, directly and through nginx (wss://):
//   node tests/pg/ws-check.mjs <instance A> <instance B> <nginx>
// The WebSocket client is the ws package (npm ci), so that any Node.js from 18 on will do.
import { WebSocket } from 'ws';

// e.g. http://127.0.0.1:8001 http://127.0.0.1:8002 https://127.0.0.1:8443
// Sockets on A, on B and through nginx; writes through B, through A and through nginx, and text
// typed on A and through nginx. Every socket must receive every event and every text exactly
// once. Exit code 0 on success, 1 on failure.
const [A, B, LB] = process.argv.slice(2);
if (!A || !B || !LB) {
  console.error('usage: ws-check.mjs <instance A url> <instance B url> <nginx url>');
  process.exit(2);
}

const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

async function call(base, method, path, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(base + path, {
    method, headers, body: body && JSON.stringify(body), signal: AbortSignal.timeout(10000),
  });
  const text = await response.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: response.status, json, text };
}

function socket(base, token, name) {
  const url = base.replace(/^http/, 'ws') + '/ws?token=' + encodeURIComponent(token);
  const ws = new WebSocket(url);
  const received = [];
  ws.addEventListener('message', (m) => { try { received.push(JSON.parse(m.data)); } catch { /* ignore */ } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: no WebSocket within 10 s`)), 10000);
    ws.addEventListener('open', () => { clearTimeout(timer); resolve({ ws, received, name }); });
    ws.addEventListener('error', () => { clearTimeout(timer); reject(new Error(`${name}: WebSocket refused`)); });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const email = `nginx-${Date.now()}-${Math.floor(Math.random() * 1e6)}@hospital.example`;
  const password = 'correct horse battery staple';
  const registered = await call(LB, 'POST', '/users/register', { email, password });
  check(registered.status === 201, `register through nginx: ${registered.status} ${registered.text}`);
  const login = await call(LB, 'POST', '/users/login', { email, password });
  check(login.status === 200, `login through nginx: ${login.status}`);
  const token = login.json && login.json.access_token;
  if (!token) throw new Error('no token');

  const sockets = [
    await socket(A, token, 'client on A'),
    await socket(B, token, 'client on B'),
    await socket(LB, token, 'client 1 through nginx'),
    await socket(LB, token, 'client 2 through nginx'),
  ];

  const expected = [];  // [action, id]
  const viaB = await call(B, 'POST', '/cases/', { name: 'Via B', section: 'on_list' }, token);
  check(viaB.status === 201, `create through B: ${viaB.status}`);
  const id = viaB.json.id;
  expected.push(['create', id]);
  const patched = await call(B, 'PATCH', `/cases/${id}`, { outcome: 'Scheduled' }, token);
  check(patched.status === 200, `update through B: ${patched.status}`);
  expected.push(['update', id]);
  const viaA = await call(A, 'POST', '/cases/', { name: 'Via A', section: 'on_list' }, token);
  check(viaA.status === 201, `create through A: ${viaA.status}`);
  expected.push(['create', viaA.json.id]);
  for (let i = 0; i < 4; i++) {
    const viaLb = await call(LB, 'POST', '/cases/', { name: `Via nginx ${i}`, section: 'new_referral' }, token);
    check(viaLb.status === 201, `create through nginx: ${viaLb.status}`);
    expected.push(['create', viaLb.json.id]);
  }
  const deleted = await call(B, 'DELETE', `/cases/${id}`, null, token);
  check(deleted.status === 200, `delete through B: ${deleted.status}`);
  expected.push(['delete', id]);

  // Wait until every socket has every event (bounded), then a little longer for duplicates.
  const complete = (s) => expected.every(([action, caseId]) =>
    s.received.some((e) => e.action === action && e.case === caseId));
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline && !sockets.every(complete)) await sleep(50);
  await sleep(500);

  for (const s of sockets) {
    for (const [action, caseId] of expected) {
      const n = s.received.filter((e) => e.action === action && e.case === caseId).length;
      check(n === 1, `${s.name}: ${n} × ${action} ${caseId} (want exactly 1)`);
    }
    const created = s.received.find((e) => e.action === 'create' && e.case === viaA.json.id);
    check(created && created.data && created.data.name === 'Via A', `${s.name}: create without its data`);
  }

  // Screens' text, typed on A and through nginx: every socket gets each exactly once.
  const texts = [
    [sockets[0], 'theatre 2 is free: "Ω" \\ 日本'],
    [sockets[2], `through nginx ${Date.now()}`],
  ];
  for (const [s, text] of texts) s.ws.send(text);
  const told = (s, text) => s.received.filter((e) => e.action === 'message' && e.from === email && e.text === text).length;
  const heard = (s) => texts.every(([, text]) => told(s, text) > 0);
  const chatDeadline = Date.now() + 10000;
  while (Date.now() < chatDeadline && !sockets.every(heard)) await sleep(50);
  await sleep(500);
  for (const s of sockets) {
    for (const [from, text] of texts) {
      const n = told(s, text);
      check(n === 1, `${s.name}: ${n} × the text sent by ${from.name} (want exactly 1)`);
    }
    s.ws.close();
  }

  const health = await call(LB, 'GET', '/healthz');
  check(health.status === 200, `healthz through nginx: ${health.status}`);
  const ready = await call(LB, 'GET', '/readyz');
  check(ready.status === 200, `readyz through nginx: ${ready.status}`);
}

main().then(() => {
  if (failures.length) {
    console.error('FAILED:\n  ' + failures.join('\n  '));
    process.exit(1);
  }
  console.log('ok: every socket (on A, on B, through nginx) got every event and text exactly once');
  process.exit(0);
}, (error) => {
  console.error('FAILED: ' + error.message + (failures.length ? '\n  ' + failures.join('\n  ') : ''));
  process.exit(1);
});
