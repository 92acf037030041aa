// The clinical workflow as the board shows it: how urgent a case is, which of its checklist
// items are still pending, and how long is left before its target time (or how long it is
// overdue). Pure functions of a case, the time now and the server's targets (GET /targets): no
// DOM, so that they are tested in Node. Times are UTC instants; they are shown in the browser's
// time zone.

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
// Beyond this a duration reads better in days and hours than in hours and minutes.
const DAYS_FROM_MS = 72 * HOUR_MS;

export const PENDING = 'pending';
// The theatre statuses in their order: a case whose status is this or later has reached theatre.
const IN_THEATRE = 'in_theatre';
const THEATRE_ORDER = ['sent_for', 'anaesthetic_room', IN_THEATRE, 'recovery', 'returned'];
// Clock states that can still change with time alone, least urgent first.
const RUNNING_CLOCKS = ['on_track', 'due_soon', 'breached'];
// "Due soon" is the last quarter of the target.
const DUE_SOON_PART = 0.25;

/** "group_and_save" → "Group and save", "not_needed" → "Not needed": the board's words for slugs. */
export function humanize(slug) {
  const words = String(slug ?? '').replace(/_+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : '';
}

/** The same in the middle of a sentence: "in theatre", "not needed". */
export function humanizeInSentence(slug) {
  return humanize(slug).toLowerCase();
}

function instant(iso) {
  if (typeof iso !== 'string' || !iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** The checklist items still pending, in the checklist's order ([] when there is no checklist). */
export function pendingItems(c) {
  const checklist = c && c.checklist && typeof c.checklist === 'object' ? c.checklist : {};
  return Object.keys(checklist).filter((key) => checklist[key] === PENDING);
}

/**
 * Readiness at a glance: { ready, pending: [keys], total, text }. The server's `ready` decides
 * when it sends one; "Not ready: consent, bloods" names what is missing.
 */
export function readiness(c) {
  const pending = pendingItems(c);
  const total = c && c.checklist && typeof c.checklist === 'object' ? Object.keys(c.checklist).length : 0;
  const ready = typeof c.ready === 'boolean' ? c.ready : pending.length === 0;
  let text = 'Ready';
  if (!ready && pending.length > 0 && pending.length === total) text = `Not ready: nothing ticked (${total} pending)`;
  else if (!ready) text = `Not ready: ${pending.map(humanizeInSentence).join(', ')}`;
  return { ready, pending, total, text };
}

/** Whether a case has reached theatre (in theatre, recovery or back on the ward). */
export function hasReachedTheatre(c) {
  return THEATRE_ORDER.indexOf(c.theatre_status) >= THEATRE_ORDER.indexOf(IN_THEATRE);
}

/** The "awaiting theatre, not ready" view: not ready, and not yet in theatre. */
export function isAwaitingNotReady(c) {
  return !readiness(c).ready && !hasReachedTheatre(c);
}

/**
 * The length in minutes of the target that gives the case its `due_at`: of the rules that apply
 * (GET /targets: by pathway and by priority, each from a time of the case), the one whose
 * deadline is `due_at`. Null when none is known.
 */
export function targetMinutes(c, targets) {
  const due = instant(c.due_at);
  if (due === null || !targets || typeof targets !== 'object') return null;
  const rules = [
    targets.pathways && c.pathway ? targets.pathways[c.pathway] : null,
    targets.priorities && c.priority ? targets.priorities[c.priority] : null,
  ];
  const matching = rules.filter((rule) => {
    if (!rule || typeof rule.minutes !== 'number') return false;
    const start = instant(c[rule.from]);
    // The server keeps microseconds; a second either way is the same deadline.
    return start !== null && Math.abs(start + rule.minutes * MINUTE_MS - due) < 1000;
  });
  return matching.length ? Math.min(...matching.map((rule) => rule.minutes)) : null;
}

/** When the case becomes "due soon" (ms since the epoch), or null when it cannot be known. */
export function dueSoonFrom(c, targets) {
  const due = instant(c.due_at);
  const minutes = targetMinutes(c, targets);
  if (due === null || minutes === null) return null;
  return due - minutes * MINUTE_MS * DUE_SOON_PART;
}

/**
 * The clock now: the server's state, moved on by the time that has passed since it was sent —
 * a running clock becomes "due soon" and then "breached" on this screen at the very moment, not
 * when the server's event arrives. Never goes back: the server may know better (its event).
 * `soonFrom` is dueSoonFrom() (null when unknown).
 */
export function clockAt(serverClock, dueAt, soonFrom, now) {
  const due = instant(dueAt);
  if (due === null) return serverClock ?? null;
  const server = RUNNING_CLOCKS.indexOf(serverClock);
  if (serverClock && server === -1) return serverClock; // met or missed: settled
  let mine = 0;
  if (now >= due) mine = 2;
  else if (soonFrom !== null && soonFrom !== undefined && now >= soonFrom) mine = 1;
  return RUNNING_CLOCKS[Math.max(mine, server)];
}

/** "3h 12m", "25m", "4d 6h", "<1m": a duration, rounded down, for a card. */
export function formatDuration(ms) {
  const span = Math.max(0, ms);
  if (span < MINUTE_MS) return '<1m';
  if (span < HOUR_MS) return `${Math.floor(span / MINUTE_MS)}m`;
  if (span < DAYS_FROM_MS) return `${Math.floor(span / HOUR_MS)}h ${Math.floor((span % HOUR_MS) / MINUTE_MS)}m`;
  return `${Math.floor(span / DAY_MS)}d ${Math.floor((span % DAY_MS) / HOUR_MS)}h`;
}

/** What the card says of a clock: "3h 12m left", "Overdue 25m", "Target met". */
export function clockText(state, dueAt, now) {
  const due = instant(dueAt);
  if (state === 'met') return 'Target met';
  if (state === 'missed') return 'Target missed';
  if (due === null) return '';
  // The server may call it breached a moment before this screen's clock says so.
  const overdue = now >= due || state === 'breached';
  return overdue ? `Overdue ${formatDuration(now - due)}` : `${formatDuration(due - now)} left`;
}

/**
 * The next moment at which a clock's state or text changes by itself: its due-soon time or its
 * due time when those come first, else the next whole minute of its countdown. Null when it
 * never does (settled, or no deadline).
 */
export function nextChange(state, dueAt, soonFrom, now) {
  const due = instant(dueAt);
  if (due === null || !RUNNING_CLOCKS.includes(state)) return null;
  const crossings = [soonFrom, due].filter((at) => at !== null && at !== undefined && at > now);
  // The minutes shown are rounded down: those left drop when the rest of a minute has gone,
  // those overdue grow when a whole one has.
  const nextMinute = now < due ? now + (((due - now) % MINUTE_MS) || MINUTE_MS) : now + MINUTE_MS - ((now - due) % MINUTE_MS);
  return Math.min(nextMinute, ...crossings);
}

/** Since when the patient has waited: admitted, else decision to operate, else the case's creation. */
export function waitingSince(c) {
  return c.admitted_at || c.decision_at || c.created_at || null;
}

/** "1d 4h" of waiting, or "" when no start is known. */
export function timeWaiting(c, now) {
  const since = instant(waitingSince(c));
  return since === null ? '' : formatDuration(now - since);
}

function pad(n) {
  return String(n).padStart(2, '0');
}

/** An instant as a datetime-local input's value in the browser's time zone ("2026-12-07T09:15"). */
export function toLocalInput(iso) {
  const ms = instant(iso);
  if (ms === null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local input's value (local time) as a UTC instant in RFC 3339, or null when empty or invalid. */
export function fromLocalInput(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(String(value || '').trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const date = new Date(y, mo - 1, d, h, mi, s || 0);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const timeOfDay = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
const dayAndTime = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false });

/** "14:05" in the browser's time zone. */
export function formatTimeOfDay(iso) {
  const ms = instant(iso);
  return ms === null ? '' : timeOfDay.format(ms);
}

/** "Mon 7 Dec 14:05" in the browser's time zone. */
export function formatDayAndTime(iso) {
  const ms = instant(iso);
  return ms === null ? String(iso ?? '') : dayAndTime.format(ms).replace(',', '');
}
