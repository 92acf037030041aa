// The theatre lists as the board shows them: the week shown, the order of the queue awaiting
// theatre, a session's capacity in words, and the cancellations of a case. Pure functions of the
// server's objects: no DOM, so that they are tested in Node.

import { humanizeInSentence } from './clinical.js';
import { formatDate } from './format.js';

const DAY_MS = 86_400_000;

/** The cancellation reasons in the server's order, each with the words the board shows. */
export const CANCEL_REASONS = [
  ['patient_unfit', 'Patient unfit'],
  ['no_theatre_time', 'No theatre time'],
  ['no_bed', 'No bed'],
  ['no_staff', 'No staff'],
  ['equipment', 'Equipment'],
  ['patient_declined', 'Patient declined'],
  ['more_urgent_case', 'More urgent case'],
  ['admin_error', 'Administrative error'],
  ['other', 'Other'],
];
const REASON_WORDS = new Map(CANCEL_REASONS);
// The one reason that must be explained in a note.
export const REASON_NEEDING_NOTE = 'other';

export const PERIODS = [['am', 'AM'], ['pm', 'PM'], ['all_day', 'All day'], ['evening', 'Evening']];
const PERIOD_WORDS = new Map(PERIODS);

// The queue's order: the most urgent priority first, then the clock most at risk.
const PRIORITY_RANK = ['immediate', 'urgent', 'expedited', 'elective'];
const CLOCK_RANK = ['breached', 'due_soon', 'on_track'];
// Before these theatre statuses a case still waits for theatre (the server's `session=none`).
const AWAITING_STATUSES = [null, undefined, '', 'sent_for', 'anaesthetic_room'];

export function reasonWords(reason) {
  return REASON_WORDS.get(reason) || humanizeInSentence(reason);
}

export function periodWords(period) {
  return PERIOD_WORDS.get(period) || String(period ?? '');
}

function parseDay(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

function dayIso(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The week (Monday to Sunday) holding a calendar date: { from, to } as YYYY-MM-DD. */
export function weekOf(isoDate) {
  const day = parseDay(isoDate);
  if (day === null) throw new Error(`Not a date: ${isoDate}`);
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  const monday = day - sinceMonday * DAY_MS;
  return { from: dayIso(monday), to: dayIso(monday + 6 * DAY_MS) };
}

/** The week `weeks` before (negative) or after a week's Monday. */
export function shiftWeek(week, weeks) {
  return weekOf(dayIso(parseDay(week.from) + weeks * 7 * DAY_MS));
}

/** "Mon 7 Dec 2026 – Sun 13 Dec 2026". */
export function weekWords(week) {
  return `${formatDate(week.from)} – ${formatDate(week.to)}`;
}

/** "Mon 7 Dec 2026 · AM · Theatre 3": a session in one line (the case dialog's choice). */
export function sessionWords(s) {
  return [formatDate(s.date), periodWords(s.period), s.theatre].filter(Boolean).join(' · ');
}

function rank(list, value) {
  const index = list.indexOf(value);
  return index === -1 ? list.length : index;
}

function compareQueue(a, b) {
  const byPriority = rank(PRIORITY_RANK, a.priority) - rank(PRIORITY_RANK, b.priority);
  if (byPriority) return byPriority;
  const byClock = rank(CLOCK_RANK, a.clock) - rank(CLOCK_RANK, b.clock);
  if (byClock) return byClock;
  // Among the same clock the earliest deadline first; a case without one after those with one.
  if ((a.due_at || '') !== (b.due_at || '')) {
    if (!a.due_at) return 1;
    if (!b.due_at) return -1;
    return Date.parse(a.due_at) - Date.parse(b.due_at);
  }
  return String(a.created_at || '').localeCompare(String(b.created_at || ''));
}

/** The queue awaiting theatre, most urgent first. */
export function queueOrder(cases) {
  return [...cases].sort(compareQueue);
}

/** Whether a case may be cancelled from the board: booked, or still waiting for theatre. */
export function isCancellable(c) {
  if (!c || c.archived) return false;
  return Boolean(c.session_id) || AWAITING_STATUSES.includes(c.theatre_status);
}

/**
 * A session's load: { booked, capacity, over (minutes beyond capacity, 0 when within), fraction
 * (0..1 of the bar), text }. The server's over_capacity decides when it sends one.
 */
export function capacity(s) {
  const booked = Number(s.booked_minutes) || 0;
  const total = Number(s.capacity_minutes) || 0;
  const isOver = typeof s.over_capacity === 'boolean' ? s.over_capacity : booked > total;
  const over = isOver ? booked - total : 0;
  const fraction = total > 0 ? Math.min(1, booked / total) : 1;
  const text = isOver ? `${booked} / ${total} min — over by ${over} min` : `${booked} / ${total} min`;
  return { booked, capacity: total, over, isOver, fraction, text };
}

/** "Cancelled ×2 — no theatre time" (the latest reason), or null for a case never cancelled. */
export function cancellationMark(c) {
  const list = c && Array.isArray(c.cancellations) ? c.cancellations : [];
  if (list.length === 0) return null;
  const latest = list[list.length - 1] || {};
  return `Cancelled ×${list.length} — ${reasonWords(latest.reason).toLowerCase()}`;
}

/** "90 min + 15 turnaround", or null when the operation's length is not estimated. */
export function durationWords(c) {
  if (typeof c.estimated_minutes !== 'number') return null;
  const turnaround = typeof c.turnaround_minutes === 'number' ? c.turnaround_minutes : 0;
  return turnaround ? `${c.estimated_minutes} min + ${turnaround} turnaround` : `${c.estimated_minutes} min`;
}
