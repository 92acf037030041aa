// Direct API calls from the test process, for arranging data quickly (the UI paths are tested
// on their own).

export async function call(server, method, path, { token, body, headers = {} } = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  return { status: response.status, data, headers: response.headers };
}

async function expectOk(promise, what) {
  const result = await promise;
  if (result.status < 200 || result.status >= 300) {
    throw new Error(`${what} failed: ${result.status} ${JSON.stringify(result.data)}`);
  }
  return result.data;
}

let counter = 0;
/** A fresh e-mail address per call, so that tests never share users. */
export function uniqueEmail(prefix = 'nurse') {
  counter += 1;
  return `${prefix}.${process.pid}.${Date.now().toString(36)}.${counter}@example.org`;
}

export const PASSWORD = 'correct horse battery';

/** Registers a user and returns { email, password, token }. `prefix` may be a whole address. */
export async function newUser(server, prefix) {
  const email = prefix && prefix.includes('@') ? prefix : uniqueEmail(prefix);
  await expectOk(call(server, 'POST', '/users/register', { body: { email, password: PASSWORD } }), 'register');
  const { access_token: token } = await expectOk(call(server, 'POST', '/users/login', { body: { email, password: PASSWORD } }), 'login');
  return { email, password: PASSWORD, token };
}

export function createCase(server, token, fields) {
  return expectOk(call(server, 'POST', '/cases/', { token, body: fields }), 'create case');
}

export function updateCase(server, token, id, fields) {
  return expectOk(call(server, 'PATCH', `/cases/${id}`, { token, body: fields }), 'update case');
}

export function deleteCase(server, token, id) {
  return expectOk(call(server, 'DELETE', `/cases/${id}`, { token }), 'delete case');
}

export function listCases(server, token, query = '') {
  return expectOk(call(server, 'GET', `/cases/${query}`, { token }), 'list cases');
}

export function getCase(server, token, id) {
  return expectOk(call(server, 'GET', `/cases/${id}`, { token }), 'get case');
}

/** "YYYY-MM-DD" for today plus `days`, in UTC (dates in the API have no time zone). */
export function isoDay(days = 0) {
  const date = new Date(Date.now() + days * 86_400_000);
  return date.toISOString().slice(0, 10);
}
