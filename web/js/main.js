// Entry point: wires the screens together and owns the board's state (the cases shown, the
// filters, the client-only columns). Everything that changes the board goes through
// applyCase()/render() here, whether it came from this user's action or a live event.

import { AdminPage } from './admin.js';
import { api, onForbidden, onUnauthorized, session } from './api.js';
import {
  ENDED_MESSAGE, EXPIRED_MESSAGE, offerSignInMethods, setupAuth, showSignIn, takeTokenFromFragment,
} from './auth.js';
import { renderBoard, renderPrint, tickClocks, whenNotDragging } from './board.js';
import { loadConfig } from './config.js';
import { CaseDialog, askColumnName } from './dialogs.js';
import { byId, clear, el } from './dom.js';
import {
  describeFilters, emptyFilters, filtersFromSearch, isFiltered, matchesFilters, queryVariants, reflectInUrl,
  searchFromFilters, setupFilters,
} from './filters.js';
import { exportCases } from './exporter.js';
import { loadCaseFields } from './fields.js';
import { orderSections } from './format.js';
import { HistoryPanel } from './history.js';
import { IdleTimer } from './idle.js';
import { IdleWarning } from './idle-warning.js';
import { LiveConnection } from './live.js';
import { PasswordDialog } from './password.js';
import { PendingPage } from './pending.js';
import { computeMoves } from './reorder.js';
import { CaseStore } from './store.js';
import { TabSignOut } from './tabs.js';
import { CancelDialog } from './cancel-dialog.js';
import { TheatreLists } from './lists.js';
import { ReportsPage } from './reports.js';
import { SessionDialog } from './session-dialog.js';
import { sessionWords } from './theatre.js';

const EXTRA_SECTIONS_KEY = 'caseboard.extraSections';
const COMMON_OUTCOMES = ['Pending', 'Scheduled', 'Awaiting consent', 'Awaiting imaging', 'Operated', 'Conservative management', 'Discharged', 'Cancelled'];
const FLASH_MS = 1600;
// The clocks on the cards are brought up to date at least this often, and at the moment one of
// them changes state (a little after, so that the moment has passed on this screen's clock too).
const CLOCK_TICK_MS = 30_000;
const CLOCK_LATE_MS = 50;
// The board's live events: the seed's three, and a clock that changed state by time alone.
const CASE_EVENTS = ['create', 'update', 'delete', 'clock'];
// News of the theatre sessions: a session created or changed, and one deleted.
const SESSION_EVENTS = ['session', 'session_delete'];
// The sessions the case dialog offers: from a little before today to some weeks ahead (and any
// other the theatre lists have shown).
const SESSION_CHOICE_DAYS_BEFORE = 7;
const SESSION_CHOICE_DAYS_AFTER = 56;
const DAY_MS = 86_400_000;
// The views of the signed-in page, by name (the navigation's buttons are nav-<name>).
const VIEWS = { board: 'board-view', lists: 'lists-view', reports: 'reports-view', admin: 'admin-view' };
const SIGNED_OUT_ELSEWHERE = 'You signed out in another tab.';
// The server's answer to every case route while an account has no role yet.
const AWAITING_APPROVAL = 'Awaiting approval';
const NO_FIELD_LIST = 'The board could not be loaded from the server. Please sign in again.';
// Dialogs that must not stay on screen for the next person at a shared PC.
const DIALOGS = ['history-dialog', 'case-dialog', 'confirm-dialog', 'column-dialog', 'password-dialog', 'otp-dialog', 'idle-dialog', 'session-dialog', 'cancel-dialog'];

const store = new CaseStore();
const highlight = new Set();
// From the address once the server's filter list is known (buildBoardParts).
let filters = emptyFilters();
let extraSections = loadExtraSections();
let loaded = false;
let loadFailed = false;
let fetchSeq = 0;
let fetching = false;
let queuedEvents = [];
let renderQueued = false;
let expiryTimer = null;
let caseDialog = null;
let historyPanel = null;
let adminPage = null;
let pendingPage = null;
let passwordDialog = null;
let idleWarning = null;
let clockTimer = null;
let theatreLists = null;
let reportsPage = null;
let sessionDialog = null;
let cancelDialog = null;
// Every session this page has heard of (id → session), for the case dialog's choice of list.
const knownSessions = new Map();
// The deadlines (GET /targets), asked for once per sign-in; null until known, or when the
// server has none: the clocks then follow the server's states and their due times alone.
let targets = null;
// Settings from GET /config, asked for once at start.
const config = loadConfig();
// The case dialog and the filters, built from the server's field list (GET /case-fields): asked
// for at start, and again at the next sign-in if it could not be had.
let boardParts = null;
// Counts sign-ins and sign-outs: an answer that arrives after a sign-out belongs to no one.
let sessionSeq = 0;
let idleSeconds = 0;
// The signed-in user (GET /users/me) and their role: null until known. Re-read on every list
// load and after any 403, so that a role changed by an admin applies without a new sign-in.
let me = null;
let role = null;
let roleCheck = null;

const live = new LiveConnection(() => session.token, {
  onStatus: showLiveStatus,
  // Events sent while we were disconnected are lost: refetch on every (re)connect.
  onOpen: () => loadCases(),
  onEvent: onLiveEvent,
  onDrop: (info) => {
    // A refused upgrade (never opened) may mean the token expired; the socket cannot tell us
    // the status, so ask the API, whose 401 sends us back to sign-in.
    if (!info.wasOpen) checkSession();
  },
  onRefused: () => onSocketRefused(),
});

const idle = new IdleTimer({
  onWarn: (secondsLeft) => idleWarning.show(secondsLeft),
  onActive: () => idleWarning.hide(),
  onExpire: () => signOut(`Signed out after ${describeDuration(idleSeconds)} without activity.`, true),
});

const tabs = new TabSignOut((notice) => {
  if (session.token) signOut(notice || SIGNED_OUT_ELSEWHERE, false);
});

// ---------------------------------------------------------------------------------------------
// Session

/** After a sign-in (or a reload with a token): the board, or the approval page for a new account. */
async function enterSession() {
  const seq = ++sessionSeq;
  const claims = session.claims();
  byId('auth-view').hidden = true;
  scheduleExpiryCheck(claims);
  try {
    await boardReady();
  } catch {
    if (seq === sessionSeq) leaveSession(NO_FIELD_LIST);
    return;
  }
  idleSeconds = (await config).idleTimeout;
  if (seq !== sessionSeq) return;
  idle.start(idleSeconds);
  // Ask who we are before opening the board: an account awaiting approval gets no board and no
  // live connection at all.
  let user = null;
  try {
    user = (await api.me()).data;
  } catch { /* a 401 is handled by onUnauthorized; the board copes with the rest */ }
  if (seq !== sessionSeq) return;
  if (user && user.role === 'pending') showPending(user);
  else enterBoard(user);
}

function enterBoard(user) {
  const claims = session.claims();
  byId('user-email').textContent = claims && claims.email ? claims.email : '';
  byId('user-email').title = byId('user-email').textContent;
  pendingPage.hide();
  byId('user-bar').hidden = false;
  byId('view-nav').hidden = false;
  me = null;
  role = null;
  setUser(user);
  applyRole();
  showView('board');
  loaded = false;
  store.replaceAll([]);
  render();
  loadCases();
  loadTargets();
  loadSessionChoices();
  live.start();
}

async function loadSessionChoices() {
  const seq = sessionSeq;
  const day = (offset) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
  try {
    const { data } = await api.listSessions(day(-SESSION_CHOICE_DAYS_BEFORE), day(SESSION_CHOICE_DAYS_AFTER));
    if (seq === sessionSeq) rememberSessions(data || []);
  } catch {
    // The dialog then offers the sessions the theatre lists show, once they have been looked at.
  }
}

function rememberSessions(list) {
  for (const s of list) if (s && typeof s.id === 'string') knownSessions.set(s.id, s);
}

/** The case dialog's choice of list: [{ value, label }], by date, "not booked" first. */
function sessionChoices() {
  const sessions = [...knownSessions.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return [{ value: '', label: 'Not booked' }, ...sessions.map((s) => ({ value: s.id, label: sessionWords(s) }))];
}

async function loadTargets() {
  const seq = sessionSeq;
  try {
    const { data } = await api.targets();
    if (seq !== sessionSeq || !data || typeof data !== 'object') return;
    targets = data;
  } catch {
    return; // the clocks do without: they still turn "overdue" at their due time
  }
  const list = byId('pathway-options');
  clear(list);
  for (const pathway of Object.keys(targets.pathways || {})) list.append(el('option', { value: pathway }));
  scheduleRender();
}

/** The account has no role yet: nothing of the board, only what to do about it. */
function showPending(user) {
  stopBoard();
  byId('user-bar').hidden = true;
  byId('view-nav').hidden = true;
  for (const id of Object.values(VIEWS)) byId(id).hidden = true;
  pendingPage.show(user);
}

/** Asked from the approval page: has an admin given the account a role meanwhile? */
async function checkApproval() {
  const seq = sessionSeq;
  let user;
  try {
    user = (await api.me()).data;
  } catch (error) {
    if (error.status !== 401) pendingPage.showProblem(error);
    return;
  }
  if (seq !== sessionSeq) return;
  if (user && user.role !== 'pending') enterBoard(user);
  else pendingPage.show(user);
}

/**
 * Ends the session on the server (POST /users/logout) and signs out here. The token is taken
 * before it is forgotten; the page does not wait for the answer, and a failed call still
 * signs out here. `announce` tells the other tabs to sign out too.
 */
function signOut(notice, announce) {
  const token = session.token;
  if (!token) return;
  api.logout(token).catch(() => { /* signed out here all the same */ });
  if (announce) tabs.announce(notice);
  leaveSession(notice);
  // At a shared PC the next person should not find the last one's address in the form.
  byId('signin-email').value = '';
}

/** The server refused our token: say whether it ran out or was ended (signed out elsewhere, deactivated). */
function sessionLostMessage() {
  const claims = session.claims();
  const expired = claims && typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now();
  return expired ? EXPIRED_MESSAGE : ENDED_MESSAGE;
}

/**
 * The server closed the live connection for a policy violation (1008): the session ended, or
 * the account lost its role. Only the API can say which; the socket is opened again only
 * when the API still accepts the session, and then with a growing delay, never in a loop.
 */
async function onSocketRefused() {
  const seq = sessionSeq;
  let user = null;
  try {
    user = (await api.me()).data;
  } catch (error) {
    if (error.status === 401) return; // onUnauthorized has signed out already
  }
  if (seq !== sessionSeq || !session.token || pendingPage.isShown()) return;
  if (user && user.role === 'pending') showPending(user);
  else live.resume(); // also when the server could not be asked: a refused upgrade will tell
}

function stopBoard() {
  live.stop();
  clearTimeout(clockTimer);
  targets = null;
  fetchSeq += 1; // drop answers to requests still in flight
  fetching = false;
  queuedEvents = [];
  store.replaceAll([]);
  knownSessions.clear();
  theatreLists.forget();
  reportsPage.forget();
  // Hidden is not gone: no patient's card may stay in the page for the next person.
  clear(byId('board'));
  clear(byId('print-view'));
  hideBanner();
  for (const id of DIALOGS) {
    const dialog = byId(id);
    if (dialog.open) dialog.close();
  }
}

function leaveSession(message) {
  sessionSeq += 1;
  idle.stop();
  stopBoard();
  clearTimeout(expiryTimer);
  me = null;
  role = null;
  for (const id of Object.values(VIEWS)) byId(id).hidden = true;
  byId('admin-button').hidden = true;
  byId('user-role').hidden = true;
  adminPage.forget();
  pendingPage.hide();
  showSignIn(message);
}

/** "30 minutes", "1 minute", "45 seconds". */
function describeDuration(seconds) {
  if (seconds % 60 !== 0) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = seconds / 60;
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** At the token's expiry time, ask the server; a 401 then leads back to sign-in. */
function scheduleExpiryCheck(claims) {
  clearTimeout(expiryTimer);
  if (!claims || typeof claims.exp !== 'number') return;
  const ms = Math.max(0, claims.exp * 1000 - Date.now()) + 250;
  expiryTimer = setTimeout(async () => {
    await checkSession();
    // Still signed in (the two clocks differ): look again shortly.
    if (session.token) scheduleExpiryCheck({ exp: Date.now() / 1000 + 30 });
  }, Math.min(ms, 2 ** 31 - 1));
}

// ---------------------------------------------------------------------------------------------
// Role

function isReadOnly() {
  // Until the server has told us the role, offer nothing that changes the board.
  return role !== 'admin' && role !== 'editor';
}

/** Takes the user from GET /users/me; applies a changed role to the page. */
function setUser(user) {
  if (!user || typeof user !== 'object') return;
  if (user.role === 'pending') { showPending(user); return; }
  me = user;
  const next = ['admin', 'editor', 'viewer'].includes(user.role) ? user.role : 'editor';
  if (next === role) return;
  role = next;
  applyRole();
  scheduleRender();
}

function applyRole() {
  const badge = byId('user-role');
  badge.hidden = role === null;
  badge.textContent = role === 'viewer' ? 'Viewer (read only)' : role || '';
  badge.className = `role-badge role-${role || 'unknown'}`;
  byId('admin-button').hidden = role !== 'admin';
  if (role !== null && role !== 'admin' && !byId('admin-view').hidden) showView('board');
  if (caseDialog) caseDialog.setReadOnly(isReadOnly());
  theatreLists.setReadOnly(isReadOnly());
  if (isReadOnly()) {
    for (const id of ['session-dialog', 'cancel-dialog']) if (byId(id).open) byId(id).close();
  }
  if (isReadOnly()) {
    const column = byId('column-dialog');
    if (column.open) column.close();
  }
}

/** Asks the server who we are (one request at a time); used after a 403. */
function refreshRole() {
  if (!session.token) return Promise.resolve();
  roleCheck ||= api.me()
    .then(({ data }) => setUser(data))
    .catch(() => { /* 401 is handled by onUnauthorized; others are transient */ })
    .finally(() => { roleCheck = null; });
  return roleCheck;
}

function showView(requested) {
  const name = requested === 'admin' && role !== 'admin' ? 'board' : requested;
  for (const [view, id] of Object.entries(VIEWS)) byId(id).hidden = view !== name;
  for (const view of ['board', 'lists', 'reports']) {
    const button = byId(`nav-${view}`);
    if (view === name) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
  }
  if (name === 'lists') theatreLists.show();
  else theatreLists.hide();
  if (name === 'reports') reportsPage.show();
  if (name === 'admin') {
    adminPage.show();
    byId('admin-back').focus();
  }
}

async function checkSession() {
  if (!session.token) return;
  try { await api.me(); } catch { /* a 401 is handled by onUnauthorized; others are transient */ }
}

// ---------------------------------------------------------------------------------------------
// Loading and live events

async function loadCases() {
  if (!session.token) return;
  const seq = ++fetchSeq;
  fetching = true;
  queuedEvents = [];
  try {
    const meRequest = api.me().then(({ data }) => data, (error) => { if (error.status === 401) throw error; return null; });
    const [user, ...results] = await Promise.all([meRequest, ...queryVariants(filters).map((query) => api.listCases(query))]);
    if (seq !== fetchSeq) return; // a newer request (other filters, reconnect) superseded this one
    setUser(user);
    const merged = new Map();
    for (const { data } of results) for (const c of data || []) merged.set(c.id, c);
    // The server has applied its filters; the board's own view ("awaiting theatre") is applied here.
    store.replaceAll([...merged.values()].filter((c) => matchesFilters(c, filters)));
    loaded = true;
    // Clear only our own "could not load" message: an error about a move or an export that
    // made us reload must stay readable.
    if (loadFailed) hideBanner();
    loadFailed = false;
  } catch (error) {
    if (seq !== fetchSeq) return;
    // Keep showing what we had (better than an empty board during a network blip).
    loadFailed = true;
    if (error.status !== 401) showError('Could not load the cases', error);
  } finally {
    if (seq === fetchSeq) {
      fetching = false;
      const queued = queuedEvents;
      queuedEvents = [];
      queued.forEach(applyEvent);
      render();
    }
  }
}

function onLiveEvent(event) {
  // Our socket's text was refused: our role may have changed.
  if (event && event.action === 'error' && event.detail === 'Forbidden') { refreshRole(); return; }
  // The server's feed of changes was interrupted (its database came back): changes may have
  // been missed, so the whole board is fetched again.
  if (event && event.action === 'resync') { loadCases(); theatreLists.refreshSoon(); return; }
  if (SESSION_EVENTS.includes(event.action)) { onSessionEvent(event); return; }
  if (!CASE_EVENTS.includes(event.action) || typeof event.case !== 'string') return;
  theatreLists.refreshSoon();
  // During a fetch the store is about to be replaced: keep the event and apply it afterwards.
  if (fetching) queuedEvents.push(event);
  else applyEvent(event);
}

function onSessionEvent(event) {
  if (event.action === 'session' && event.data && typeof event.data === 'object') rememberSessions([event.data]);
  if (event.action === 'session_delete' && typeof event.id === 'string') knownSessions.delete(event.id);
  theatreLists.refreshSoon();
}

async function applyEvent(event) {
  const id = event.case;
  if (event.action === 'delete') {
    caseDialog.notifyDeleted(id);
    if (store.remove(id)) scheduleRender();
    return;
  }
  let data = event.data;
  if (!data) {
    // The seed's events carry only the id: fetch the case.
    try {
      data = (await api.getCase(id)).data;
    } catch (error) {
      if (error.status === 404 && store.remove(id)) scheduleRender();
      return;
    }
  }
  caseDialog.notifyChanged(data);
  applyCase(data, true);
}

/** Puts a case (from the API or an event) on the board, or takes it off if filters exclude it. */
function applyCase(c, flash = false) {
  const current = store.get(c.id);
  if (current && typeof c.version === 'number' && typeof current.version === 'number' && c.version < current.version) return;
  if (matchesFilters(c, filters)) {
    // Flash only news: not the echo of a change this page has already applied.
    const isNews = !current || current.version !== c.version || current.updated_at !== c.updated_at;
    store.upsert(c);
    if (extraSections.delete(c.section)) saveExtraSections();
    if (flash && isNews) {
      highlight.add(c.id);
      setTimeout(() => highlight.delete(c.id), FLASH_MS);
    }
  } else {
    store.remove(c.id);
  }
  scheduleRender();
}

// ---------------------------------------------------------------------------------------------
// Rendering

function scheduleRender() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    whenNotDragging(render);
  });
}

function currentView() {
  const sections = orderSections([...store.sections(), ...extraSections]);
  const columns = new Map(sections.map((s) => [s, store.inSection(s)]));
  return { sections, columns, filtered: isFiltered(filters), highlight, readOnly: isReadOnly(), targets };
}

function render() {
  const board = byId('board');
  const view = currentView();
  board.setAttribute('aria-busy', String(!loaded));
  renderBoard(board, view, boardActions);
  renderPrint(byId('print-view'), view, printSummary());
  updateSummary();
  updateOutcomeOptions();
  tickClocksNow();
}

/**
 * Keeps the cards' clocks current by themselves, without a request: every CLOCK_TICK_MS, and
 * just after the moment the next one turns "due soon" or overdue.
 */
function tickClocksNow() {
  clearTimeout(clockTimer);
  const now = Date.now();
  const next = tickClocks(byId('board'), now);
  const wait = next === null ? CLOCK_TICK_MS : Math.min(CLOCK_TICK_MS, next - now + CLOCK_LATE_MS);
  clockTimer = setTimeout(tickClocksNow, Math.max(CLOCK_LATE_MS, wait));
}

function updateSummary() {
  const count = store.all().length;
  const text = loadFailed ? 'The list could not be loaded' : !loaded ? 'Loading cases…' : `${count} ${count === 1 ? 'case' : 'cases'}${isFiltered(filters) ? ' match the filters' : ''}`;
  byId('board-summary').textContent = text;
}

function printSummary() {
  const printed = `Printed ${new Date().toLocaleString('en-GB', { dateStyle: 'full', timeStyle: 'short' })}`;
  // Filters are only ever set once the server's filter list has come.
  return [printed, ...(isFiltered(filters) ? describeFilters(filters) : [])].join(' · ');
}

/** Suggestions for outcome fields: common ones plus every outcome seen on the board. */
function updateOutcomeOptions() {
  const list = byId('outcome-options');
  const outcomes = [...new Set([...COMMON_OUTCOMES, ...store.all().map((c) => c.outcome).filter(Boolean)])];
  if (list.childElementCount === outcomes.length) return;
  clear(list);
  for (const outcome of outcomes) list.append(el('option', { value: outcome }));
}

function showLiveStatus(status) {
  const badge = byId('live-status');
  badge.className = `live-status ${status}`;
  badge.textContent = status === 'live' ? 'Live' : status === 'reconnecting' ? 'Reconnecting…' : 'Connecting…';
  badge.title = status === 'live' ? 'Changes by others appear immediately' : 'Trying to reach the server; the board may be out of date';
}

// ---------------------------------------------------------------------------------------------
// Errors

function showError(context, error) {
  const box = byId('error-text');
  clear(box);
  const messages = error && error.messages ? error.messages : [String((error && error.message) || error)];
  box.append(el('strong', { text: `${context}: ` }));
  if (messages.length === 1) box.append(el('span', { text: messages[0] }));
  else box.append(el('ul', {}, messages.map((m) => el('li', { text: m }))));
  byId('error-banner').hidden = false;
}

function hideBanner() {
  byId('error-banner').hidden = true;
}

// ---------------------------------------------------------------------------------------------
// Actions

const boardActions = {
  open: (c) => caseDialog.openEdit(store.get(c.id) || c, currentView().sections),
  add: (section) => { if (!isReadOnly()) caseDialog.openCreate(section, currentView().sections); },
  move: (id, section, index) => { if (!isReadOnly()) moveCase(id, section, index); },
  addColumn: async () => {
    if (isReadOnly()) return;
    const sections = currentView().sections;
    const slug = await askColumnName(sections);
    if (!slug) { byId('add-column').focus(); return; }
    extraSections.add(slug);
    saveExtraSections();
    render();
    const column = [...document.querySelectorAll('.column')].find((node) => node.dataset.section === slug);
    if (column) {
      column.scrollIntoView({ inline: 'nearest', block: 'nearest' });
      column.querySelector('.add-case').focus();
    }
  },
};

const dialogActions = {
  create: async (fields) => {
    const { data } = await api.createCase(fields);
    applyCase(data, true);
    return data;
  },
  update: async (id, fields, version) => {
    const { data } = await api.updateCase(id, fields, version);
    applyCase(data);
    return data;
  },
  latest: async (id) => {
    try {
      const { data } = await api.getCase(id);
      applyCase(data);
      return data;
    } catch (error) {
      if (error.status !== 404) throw error;
      if (store.remove(id)) scheduleRender();
      return null;
    }
  },
  remove: async (c) => {
    await api.deleteCase(c.id);
    if (store.remove(c.id)) scheduleRender();
  },
  history: (c) => historyPanel.open(c),
  sessionChoices,
};

const listActions = {
  open: (c) => caseDialog.openEdit(store.get(c.id) || c, currentView().sections),
  cancel: (c) => { if (!isReadOnly()) cancelDialog.open(c); },
  editSession: (s, date) => { if (!isReadOnly()) sessionDialog.open(s, date); },
  sessionsSeen: rememberSessions,
  error: showError,
};

/** The server's answer to a cancellation: on the board at once, and the lists fetched again. */
function onCancelled(c) {
  if (caseDialog.isOpen() && caseDialog.editingId() === c.id) caseDialog.close();
  applyCase(c);
  theatreLists.refreshSoon();
}

async function exportCurrent() {
  const button = byId('export-button');
  button.disabled = true;
  try {
    await exportCases(filters);
  } catch (error) {
    if (error.status !== 401) showError('Could not export the cases', error);
  } finally {
    button.disabled = false;
  }
}

/** Moves a case (drag-and-drop or a move button): shown at once, then saved in one request. */
async function moveCase(id, section, index) {
  const view = currentView();
  const moves = computeMoves(view.columns, id, section, index);
  if (moves.length === 0) return;
  for (const move of moves) {
    const c = store.get(move.id);
    store.upsert({ ...c, section: move.section, order_index: move.order_index });
  }
  if (extraSections.delete(section)) saveExtraSections();
  render();
  try {
    const { data } = await api.reorder(moves);
    for (const c of data || []) applyCase(c);
  } catch (error) {
    if (error.status === 401) return;
    showError('Could not move the case', error.status === 403 ? { messages: ['Your account may only view the board.'] } : error);
    loadCases(); // put the board back as the server has it
  }
}

function onFiltersChanged(next) {
  // A text field's "change" on blur repeats what its "input" already applied.
  if (searchFromFilters(next) === searchFromFilters(filters)) return;
  filters = next;
  reflectInUrl(filters);
  loaded = false;
  updateSummary();
  loadCases();
}

function loadExtraSections() {
  try {
    const list = JSON.parse(sessionStorage.getItem(EXTRA_SECTIONS_KEY) || '[]');
    return new Set(Array.isArray(list) ? list.filter((s) => typeof s === 'string') : []);
  } catch {
    return new Set();
  }
}

function saveExtraSections() {
  sessionStorage.setItem(EXTRA_SECTIONS_KEY, JSON.stringify([...extraSections]));
}

// ---------------------------------------------------------------------------------------------
// Start

/** Resolves once the case dialog and the filters bar are built from the server's field list. */
function boardReady() {
  boardParts ||= loadCaseFields().then(buildBoardParts, (error) => {
    boardParts = null;
    throw error;
  });
  return boardParts;
}

function buildBoardParts() {
  caseDialog = new CaseDialog(dialogActions);
  caseDialog.setReadOnly(isReadOnly());
  filters = filtersFromSearch(window.location.search);
  setupFilters(filters, onFiltersChanged);
}

function start() {
  historyPanel = new HistoryPanel();
  theatreLists = new TheatreLists(listActions);
  reportsPage = new ReportsPage(showError);
  sessionDialog = new SessionDialog(() => theatreLists.refreshSoon());
  cancelDialog = new CancelDialog(onCancelled);
  passwordDialog = new PasswordDialog();
  idleWarning = new IdleWarning(() => idle.markActive());
  pendingPage = new PendingPage({ onCheck: checkApproval, onSignOut: () => signOut(null, true) });
  adminPage = new AdminPage({
    currentUserId: () => (me ? me.id : null),
    onOwnRoleChanged: () => refreshRole(),
    caseInfo: (id) => store.get(id) || null,
  });
  onForbidden((detail) => {
    if (detail === AWAITING_APPROVAL && session.token) showPending(me);
    else refreshRole();
  });
  byId('admin-button').addEventListener('click', () => showView('admin'));
  for (const view of ['board', 'lists', 'reports']) byId(`nav-${view}`).addEventListener('click', () => showView(view));
  byId('admin-back').addEventListener('click', () => { showView('board'); byId('admin-button').focus(); });
  byId('export-button').addEventListener('click', exportCurrent);
  // Coming back to the tab: pick up a role changed meanwhile (e.g. a viewer made an editor).
  document.addEventListener('visibilitychange', () => {
    if (document.hidden || !session.token) return;
    if (!byId('user-bar').hidden) refreshRole();
    else if (pendingPage.isShown()) checkApproval();
  });
  onUnauthorized(() => {
    if (session.token) leaveSession(sessionLostMessage());
  });
  setupAuth((token) => {
    session.token = token;
    enterSession();
  });
  byId('signout-button').addEventListener('click', () => signOut(null, true));
  byId('password-button').addEventListener('click', () => passwordDialog.open());
  byId('print-button').addEventListener('click', () => window.print());
  byId('error-dismiss').addEventListener('click', hideBanner);
  // Refresh the "printed at" line when printing from the browser's own menu too.
  window.addEventListener('beforeprint', () => renderPrint(byId('print-view'), currentView(), printSummary()));

  config.then(({ signIn }) => offerSignInMethods(signIn));
  boardReady().catch(() => { /* asked again at sign-in, which says so if it fails again */ });
  const fromDirectory = takeTokenFromFragment();
  if (fromDirectory) session.token = fromDirectory;
  if (session.token) enterSession();
  else showSignIn(null);
}

start();
