// The one place that talks HTTP to the server: adds the bearer token, parses JSON, and turns
// every non-2xx answer into an ApiError whose message is the server's own `detail` text, so
// that the UI can show it rather than swallow it.

const TOKEN_KEY = 'caseboard.token';
// A server that stops answering must not leave a button disabled for ever.
const REQUEST_TIMEOUT_MS = 30_000;
const UNREACHABLE = 'Cannot reach the server. Check the network connection and try again.';

/** An HTTP error from the API. `messages` lists one human line per problem (422 has several). */
export class ApiError extends Error {
  constructor(status, detail, headers) {
    const messages = describeDetail(status, detail);
    super(messages.join('\n'));
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
    this.messages = messages;
    this.headers = headers;
  }
}

/** Turns a FastAPI-style `detail` (a string, or a list of {loc, msg}) into readable lines. */
function describeDetail(status, detail) {
  if (Array.isArray(detail)) {
    const lines = detail.map((item) => {
      if (!item || typeof item !== 'object') return String(item);
      // loc is like ["body", "name"]: the first element only says where the field was sent.
      const loc = Array.isArray(item.loc) ? item.loc.filter((part, i) => !(i === 0 && ['body', 'query', 'path'].includes(part))) : [];
      const field = loc.join('.');
      return field ? `${field}: ${item.msg}` : String(item.msg ?? 'Invalid value');
    });
    return lines.length ? lines : [`Request failed (${status})`];
  }
  if (typeof detail === 'string' && detail) return [detail];
  return [`Request failed (${status})`];
}

// sessionStorage, not localStorage or a cookie: the token dies with the tab, and no other site
// can send it for us.
export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
  /** The JWT's claims (email, exp) — for display and for timing only; the server decides validity. */
  claims() {
    const token = this.token;
    if (!token) return null;
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const json = decodeURIComponent(Array.from(atob(payload), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
      return JSON.parse(json);
    } catch {
      return null;
    }
  },
};

let unauthorizedHandler = () => {};
let forbiddenHandler = () => {};

/**
 * Called once by main.js: a 403 may mean our role changed (e.g. to viewer, or back to pending)
 * since sign-in. The handler gets the server's detail.
 */
export function onForbidden(handler) {
  forbiddenHandler = handler;
}

/** Called once by main.js: what to do when the server rejects our token (expired or revoked). */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

/**
 * Sends a request. options: { body (object → JSON), query (object), headers, auth (default
 * true), token (instead of the stored one), sessionCheck (default true: a 401 means the session
 * ended; false where a 401 means something else, such as a wrong current password), keepalive }.
 * Resolves to { data, headers, status }.
 */
export async function request(method, path, options = {}) {
  const { body, query, headers = {}, auth = true, sessionCheck = true } = options;
  const url = new URL(path, window.location.origin);
  if (query) {
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
    }
  }
  const init = {
    method,
    headers: { Accept: 'application/json', ...headers },
    cache: 'no-store',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    keepalive: Boolean(options.keepalive),
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const token = auth ? options.token || session.token : null;
  if (token) init.headers.Authorization = `Bearer ${token}`;

  let response;
  let data;
  try {
    response = await fetch(url, init);
    data = await readJson(response);
  } catch {
    throw new ApiError(0, UNREACHABLE);
  }
  if (!response.ok) {
    // Only a request that carried a token can have an expired session; a 401 from the login
    // form is just a wrong password.
    if (response.status === 401 && token && sessionCheck) unauthorizedHandler();
    if (response.status === 403 && token) forbiddenHandler(data && data.detail);
    throw new ApiError(response.status, data && data.detail, response.headers);
  }
  return { data, headers: response.headers, status: response.status };
}

async function readJson(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { detail: `Unexpected response from the server (${response.status})` };
  }
}

// The endpoints the board uses, named after what they do.
export const api = {
  login: (email, password) => request('POST', '/users/login', { body: { email, password }, auth: false }),
  register: (email, password) => request('POST', '/users/register', { body: { email, password }, auth: false }),
  config: () => request('GET', '/config', { auth: false }),
  caseFields: () => request('GET', '/case-fields', { auth: false }),
  // The token is passed explicitly: the caller forgets it at once, whatever the answer. Another
  // tab may have ended the same session already, so a 401 here is no news.
  // keepalive: the request is sent even if the tab is closed right after "Sign out".
  logout: (token) => request('POST', '/users/logout', { token, sessionCheck: false, keepalive: true }),
  me: () => request('GET', '/users/me'),
  // A wrong current password is a 401 (or 403) that says so; it does not end the session.
  changePassword: (current, next) => request('POST', '/users/me/password', { body: { current, new: next }, sessionCheck: false }),
  listCases: (query) => request('GET', '/cases/', { query }),
  getCase: (id) => request('GET', `/cases/${encodeURIComponent(id)}`),
  createCase: (fields) => request('POST', '/cases/', { body: fields }),
  updateCase: (id, fields, version) => request('PATCH', `/cases/${encodeURIComponent(id)}`, {
    body: fields,
    headers: version ? { 'If-Match': `"${version}"` } : {},
  }),
  deleteCase: (id) => request('DELETE', `/cases/${encodeURIComponent(id)}`),
  reorder: (moves) => request('POST', '/cases/reorder', { body: { moves } }),
  history: (id) => request('GET', `/cases/${encodeURIComponent(id)}/history`),
  targets: () => request('GET', '/targets'),
  restoreCase: (id) => request('POST', `/cases/${encodeURIComponent(id)}/restore`),
  listUsers: () => request('GET', '/users'),
  setRole: (id, role) => request('PATCH', `/users/${encodeURIComponent(id)}`, { body: { role } }),
  setActive: (id, active) => request('PATCH', `/users/${encodeURIComponent(id)}`, { body: { active } }),
  createUser: (email, role) => request('POST', '/users', { body: { email, role } }),
  audit: (query) => request('GET', '/audit', { query }),
  exportCsv: (query) => download('/cases/export.csv', query),
  listSessions: (from, to) => request('GET', '/sessions', { query: { from, to } }),
  createSession: (fields) => request('POST', '/sessions', { body: fields }),
  updateSession: (id, fields) => request('PATCH', `/sessions/${encodeURIComponent(id)}`, { body: fields }),
  deleteSession: (id) => request('DELETE', `/sessions/${encodeURIComponent(id)}`),
  cancelCase: (id, reason, note) => request('POST', `/cases/${encodeURIComponent(id)}/cancel`, { body: { reason, note } }),
  report: (name, query) => request('GET', `/reports/${name}`, { query }),
  reportCsv: (name, query) => download(`/reports/${name}.csv`, query),
};

/**
 * GETs a file with the bearer token (never in the URL) and resolves to { text, filename }.
 * Errors become ApiErrors like every other request.
 */
async function download(path, query) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  }
  const token = session.token;
  const headers = { Accept: 'text/csv' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(url, { headers, cache: 'no-store' });
  } catch {
    throw new ApiError(0, UNREACHABLE);
  }
  if (!response.ok) {
    const data = await readJson(response);
    if (response.status === 401 && token) unauthorizedHandler();
    if (response.status === 403 && token) forbiddenHandler(data && data.detail);
    throw new ApiError(response.status, data && data.detail, response.headers);
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="?([^";]+)"?/i.exec(disposition);
  return { text: await response.text(), filename: match ? match[1] : null };
}
