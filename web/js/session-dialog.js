// The dialog that adds, edits and deletes a theatre session (editors). The server checks every
// value; its answer (a 422 with the field, or the 409 of a session that still has cases) is
// shown in the dialog as it says it.

import { api } from './api.js';
import { byId, clear, el } from './dom.js';
import { confirmAction } from './dialogs.js';
import { PERIODS, sessionWords } from './theatre.js';

// The inputs, by the session's key; the times are wall-clock "HH:MM" (or empty).
const INPUTS = {
  date: 'session-date', theatre: 'session-theatre', period: 'session-period', starts_at: 'session-starts',
  ends_at: 'session-ends', capacity_minutes: 'session-capacity', consultant: 'session-consultant', notes: 'session-notes',
};

export class SessionDialog {
  /** onChanged() runs after a save or a delete the server accepted. */
  constructor(onChanged) {
    this.onChanged = onChanged;
    this.dialog = byId('session-dialog');
    this.form = byId('session-form');
    this.error = byId('session-error');
    this.deleteButton = byId('session-delete');
    this.session = null;
    const period = byId(INPUTS.period);
    for (const [value, text] of PERIODS) period.append(el('option', { value, text }));
    this.form.addEventListener('submit', (event) => { event.preventDefault(); this.save(); });
    byId('session-close').addEventListener('click', () => this.dialog.close());
    this.deleteButton.addEventListener('click', () => this.remove());
  }

  /** A new session (s null, on `date`), or an existing one to edit. */
  open(s, date) {
    this.session = s;
    this.showError([]);
    byId('session-title').textContent = s ? 'Edit session' : 'Add a session';
    byId('session-save').textContent = s ? 'Save' : 'Add session';
    this.deleteButton.hidden = !s;
    const values = s || { date, theatre: '', period: 'am', starts_at: null, ends_at: null, capacity_minutes: null, consultant: '', notes: '' };
    for (const [key, id] of Object.entries(INPUTS)) {
      const value = values[key];
      byId(id).value = value === null || value === undefined ? '' : wallClock(String(value));
    }
    this.dialog.showModal();
    byId(INPUTS.theatre).focus();
  }

  /** The fields to send: everything on create (capacity only when typed), the changes on edit. */
  collect() {
    const fields = {};
    for (const [key, id] of Object.entries(INPUTS)) {
      const raw = byId(id).value;
      const text = key === 'notes' ? raw : raw.trim();
      let value = text;
      if (key === 'capacity_minutes') value = text === '' ? null : Number(text);
      else if (key === 'starts_at' || key === 'ends_at') value = text || null;
      if (this.session ? sameValue(this.session[key], value) : value === null && key === 'capacity_minutes') continue;
      fields[key] = value;
    }
    return fields;
  }

  async save() {
    const fields = this.collect();
    try {
      if (this.session) {
        if (Object.keys(fields).length) await api.updateSession(this.session.id, fields);
      } else {
        await api.createSession(fields);
      }
      this.dialog.close();
      this.onChanged();
    } catch (error) {
      if (error.status !== 401) this.showError(error.messages || [String(error.message || error)]);
    }
  }

  async remove() {
    const s = this.session;
    if (!s || !(await confirmAction(`Delete the session ${sessionWords(s)}?`, 'Delete session'))) return;
    try {
      await api.deleteSession(s.id);
      this.dialog.close();
      this.onChanged();
    } catch (error) {
      if (error.status === 409) this.showError(['The session still has booked cases: unbook them first.']);
      else if (error.status !== 401) this.showError(error.messages || [String(error.message || error)]);
    }
  }

  showError(messages) {
    clear(this.error);
    for (const message of messages) this.error.append(el('p', { text: message }));
    this.error.hidden = messages.length === 0;
  }
}

/** A time input shows "HH:MM": an instant the server holds is shown as its local wall-clock time. */
function wallClock(value) {
  if (!/T/.test(value)) return value;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? '' : at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

function sameValue(current, next) {
  const shown = current === null || current === undefined ? null : current;
  if (typeof shown === 'string' && /T/.test(shown) && typeof next === 'string') return wallClock(shown) === next;
  return shown === next || (shown === '' && next === null);
}
