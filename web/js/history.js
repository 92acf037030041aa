// A case's history as sentences ("sam@example.org moved this from new_referral to on_list ·
// 24 Nov 08:14"), shared by the history panel and the admin page's audit view. Fields are named
// by the server's labels (fields.js). Everything is put on the page with textContent.

import { api } from './api.js';
import { byId, clear, el } from './dom.js';
import { caseFields } from './fields.js';
import { formatValue } from './format.js';

// Told in sentences of their own (a move, archiving, a new place in the column).
const TOLD_APART = new Set(['section', 'archived', 'order_index']);
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
  if (changes.section) parts.push(`moved this from ${showValue('section', changes.section.before)} to ${showValue('section', changes.section.after)}`);
  if (changes.archived) parts.push(changes.archived.after ? 'archived this' : 'unarchived this');
  for (const [key, change] of Object.entries(changes)) {
    if (TOLD_APART.has(key) || isBookkeeping(key) || !change) continue;
    const { before, after } = change;
    const name = caseFields().labelInSentence(key);
    if (key === 'notes') parts.push(isEmpty(after) ? 'cleared the notes' : 'edited the notes');
    else if (isEmpty(before)) parts.push(`set ${name} to ${showValue(key, after)}`);
    else if (isEmpty(after)) parts.push(`cleared ${name} (was ${showValue(key, before)})`);
    else parts.push(`changed ${name} from ${showValue(key, before)} to ${showValue(key, after)}`);
  }
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

/** The whole sentence: "sam@example.org moved this from new_referral to on_list". */
export function describeEntry(entry) {
  return `${entry.email || 'Someone'} ${describeChange(entry)}`;
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
