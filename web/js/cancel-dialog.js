// "Cancel operation": one dialog for the reason (in words) and a note, which the reason "other"
// requires. The server takes the case off its list and back into the queue, and keeps the
// cancellation on the case.

import { api } from './api.js';
import { append, byId, clear, el } from './dom.js';
import { CANCEL_REASONS, REASON_NEEDING_NOTE } from './theatre.js';

export class CancelDialog {
  /** onCancelled(case) runs with the server's answer. */
  constructor(onCancelled) {
    this.onCancelled = onCancelled;
    this.dialog = byId('cancel-dialog');
    this.reason = byId('cancel-reason');
    this.note = byId('cancel-note');
    this.error = byId('cancel-error');
    this.submit = byId('cancel-submit');
    this.target = null;
    append(this.reason, [el('option', { value: '', text: 'Choose a reason' }),
      CANCEL_REASONS.map(([value, text]) => el('option', { value, text }))]);
    this.reason.addEventListener('change', () => this.markNoteNeeded());
    byId('cancel-form').addEventListener('submit', (event) => { event.preventDefault(); this.send(); });
    byId('cancel-back').addEventListener('click', () => this.dialog.close());
    this.dialog.addEventListener('close', () => { this.target = null; });
  }

  open(c) {
    this.target = c;
    byId('cancel-patient').textContent = c.name || '(no name)';
    this.reason.value = '';
    this.note.value = '';
    this.showError(null);
    this.markNoteNeeded();
    this.submit.disabled = false;
    this.dialog.showModal();
    this.reason.focus();
  }

  markNoteNeeded() {
    const needed = this.reason.value === REASON_NEEDING_NOTE;
    this.note.required = needed;
    byId('cancel-note-hint').textContent = needed ? '(required for “Other”)' : '(optional)';
  }

  async send() {
    const c = this.target;
    if (!c) return;
    if (!this.reason.value) { this.showError('Please choose a reason.'); this.reason.focus(); return; }
    if (this.reason.value === REASON_NEEDING_NOTE && !this.note.value.trim()) {
      this.showError('Please say in the note why the operation is cancelled.');
      this.note.focus();
      return;
    }
    this.submit.disabled = true;
    try {
      const { data } = await api.cancelCase(c.id, this.reason.value, this.note.value.trim());
      this.dialog.close();
      this.onCancelled(data);
    } catch (error) {
      this.submit.disabled = false;
      if (error.status !== 401) this.showError((error.messages || [String(error.message || error)]).join(' '));
    }
  }

  showError(message) {
    clear(this.error);
    if (message) this.error.append(el('p', { text: message }));
    this.error.hidden = !message;
  }
}
