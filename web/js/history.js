// A case's history as sentences ("sam@example.org moved this from new_referral to on_list ·
// 24 Nov 08:14"), shared by the history panel and the admin page's audit view. Fields are named
// by the server's labels (fields.js). Everything is put on the page with textContent.

import { api } from './api.js';
import { formatTimeOfDay, humanize, humanizeInSentence } from './clinical.js';
import { byId, clear, el } from './dom.js';
import { caseFields } from './fields.js';
import { formatValue } from './format.js';

// Told in sentences of their own (a move, archiving, a new place in the column).
const TOLD_APART = new Set(['section', 'archived', 'order_index']);
// Where the patient is on the way to theatre: said with the time it was recorded.
const THEATRE_STATUS = 'theatre_status';
const MAX_VALUE_CHARS = 60;

/** Fields no user writes (id, timestamps, version) change with every write: no news. */
function isBookkeeping(key) {
  const field = caseFields().field(key);
  return Boolean(field) && !field.writable;
}

function isEmpty(value) {
  return value === null || value === undefined || value === '';
}

function showValue(key, value) {
  const text = formatValue(caseFields().field(key), value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** "Consent: done" for each item of an object field (the checklist) that changed. */
function itemRecords(key, change) {
  const [name, item] = key.split('.');
  if (item) return [`${humanize(item)}: ${humanizeInSentence(change.after) || 'cleared'}`];
  const before = change.before && typeof change.before === 'object' ? change.before : {};
  const after = change.after && typeof change.after === 'object' ? change.after : {};
  return Object.keys(after).filter((k) => before[k] !== after[k]).map((k) => itemRecords(`${name}.${k}`, { after: after[k] })[0]);
}

/** "Theatre status: in theatre at 14:05" (the entry's time, in the browser's time zone). */
function theatreRecord(change, at) {
  const label = caseFields().label(THEATRE_STATUS);
  if (isEmpty(change.after)) return `${label}: cleared (was ${showValue(THEATRE_STATUS, change.before)})`;
  const when = formatTimeOfDay(at);
  return `${label}: ${showValue(THEATRE_STATUS, change.after)}${when ? ` at ${when}` : ''}`;
}

function isObjectField(key) {
  const field = caseFields().field(key.split('.')[0]);
  return key.includes('.') || Boolean(field && field.type === 'object');
}

function joinParts(parts) {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** What an entry did, without who and when: "moved this from new_referral to on_list". */
export function describeChange(entry) {
  const changes = entry && entry.changes && typeof entry.changes === 'object' ? entry.changes : {};
  switch (entry.action) {
    case 'create': return 'created this';
    case 'delete': return 'deleted this';
    case 'restore': return 'restored this';
    case 'login': return typeof changes.method === 'string' ? `signed in (${changes.method})` : 'signed in';
    case 'logout': return 'signed out';
    case 'password_change': return 'changed their password';
    case 'user_create': return 'created an account';
    case 'user_deactivate': return 'deactivated an account';
    case 'user_activate': return 'reactivated an account';
    case 'login_failed': return 'failed to sign in';
    case 'export': return 'exported cases as CSV';
    case 'role_change': {
      const role = changes.role || {};
      return `changed a role from ${showValue('role', role.before)} to ${showValue('role', role.after)}`;
    }
    default: break;
  }
  const parts = [];
  // Records of the clinical workflow, said as a ward says them: "Consent: done".
  const records = [];
  if (changes.section) parts.push(`moved this from ${showValue('section', changes.section.before)} to ${showValue('section', changes.section.after)}`);
  if (changes.archived) parts.push(changes.archived.after ? 'archived this' : 'unarchived this');
  for (const [key, change] of Object.entries(changes)) {
    if (TOLD_APART.has(key) || !change) continue;
    if (isObjectField(key)) { if (!isBookkeeping(key.split('.')[0])) records.push(...itemRecords(key, change)); continue; }
    if (isBookkeeping(key)) continue;
    if (key === THEATRE_STATUS) { records.push(theatreRecord(change, entry.at)); continue; }
    const { before, after } = change;
    const name = caseFields().labelInSentence(key);
    if (key === 'notes') parts.push(isEmpty(after) ? 'cleared the notes' : 'edited the notes');
    else if (isEmpty(before)) parts.push(`set ${name} to ${showValue(key, after)}`);
    else if (isEmpty(after)) parts.push(`cleared ${name} (was ${showValue(key, before)})`);
    else parts.push(`changed ${name} from ${showValue(key, before)} to ${showValue(key, after)}`);
  }
  if (records.length > 0) return [parts.length ? joinParts(parts) : null, ...records].filter(Boolean).join('; ');
  if (parts.length === 0) parts.push(changes.order_index ? 'changed its place in the column' : `${entry.action === 'reorder' ? 'reordered' : 'updated'} this`);
  return joinParts(parts);
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false });
const timeFormatWithYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** "24 Nov 08:14" in the browser's time zone (with the year when it is not this year). */
export function formatWhen(at) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at || '');
  const format = date.getFullYear() === new Date().getFullYear() ? timeFormat : timeFormatWithYear;
  return format.format(date).replace(',', '');
}

/**
 * The whole sentence: "sam@example.org moved this from new_referral to on_list", or
 * "sam@example.org — Consent: done" for a record.
 */
export function describeEntry(entry) {
  const what = describeChange(entry);
  const isRecord = /^[A-Z]/.test(what);
  return `${entry.email || 'Someone'}${isRecord ? ' — ' : ' '}${what}`;
}

/** The history panel (a dialog above the case dialog). */
export class HistoryPanel {
  constructor() {
    this.dialog = byId('history-dialog');
    this.list = byId('history-list');
    this.status = byId('history-status');
    this.error = byId('history-error');
    this.seq = 0;
    byId('history-close').addEventListener('click', () => this.dialog.close());
  }

  async open(c) {
    const seq = ++this.seq;
    byId('history-title').textContent = `History — ${c.name || '(no name)'}`;
    byId('history-meta').textContent = c.hospital_number ? `MRN ${c.hospital_number}` : '';
    clear(this.list);
    this.error.hidden = true;
    this.status.textContent = 'Loading the history…';
    if (!this.dialog.open) this.dialog.showModal();
    byId('history-close').focus();
    try {
      const { data } = await api.history(c.id);
      if (seq !== this.seq) return;
      const entries = Array.isArray(data) ? data : [];
      this.status.textContent = entries.length ? `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, oldest first` : 'No history has been recorded for this case.';
      for (const entry of entries) {
        this.list.append(el('li', { className: 'history-entry', dataset: { action: String(entry.action) } },
          el('span', { className: 'history-text', text: describeEntry(entry) }),
          el('span', { className: 'history-when', text: ` · ${formatWhen(entry.at)}`, attrs: { title: entry.at || null } })));
      }
    } catch (error) {
      if (seq !== this.seq) return;
      this.status.textContent = '';
      clear(this.error);
      this.error.append(el('p', { text: `Could not load the history: ${(error.messages || [String(error.message || error)]).join(' ')}` }));
      this.error.hidden = false;
    }
  }
}
