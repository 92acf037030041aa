// "Change password" for any signed-in user (POST /users/me/password). The new password is
// checked here first (length, typed twice alike) so that a slip costs no round trip; the
// server's own refusal (wrong current password, a rule of its own) is shown as it words it.

import { api } from './api.js';
import { byId, clear, el } from './dom.js';

const MIN_LENGTH = 8;

export class PasswordDialog {
  constructor() {
    this.dialog = byId('password-dialog');
    this.form = byId('password-form');
    this.fields = byId('password-fields');
    this.current = byId('password-current');
    this.next = byId('password-new');
    this.confirm = byId('password-confirm');
    this.submit = byId('password-submit');
    this.cancel = byId('password-cancel');
    this.form.addEventListener('submit', (event) => { event.preventDefault(); this.save(); });
    this.cancel.addEventListener('click', () => this.close());
    this.dialog.addEventListener('close', () => this.reset());
  }

  open() {
    this.reset();
    this.dialog.showModal();
    this.current.focus();
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }

  /** Empties the form: passwords never stay in the page longer than needed. */
  reset() {
    for (const input of [this.current, this.next, this.confirm]) input.value = '';
    this.fields.hidden = false;
    this.submit.hidden = false;
    this.submit.disabled = false;
    this.cancel.textContent = 'Cancel';
    showMessage('password-error', []);
    byId('password-done').hidden = true;
  }

  problem() {
    if (!this.current.value) return { text: 'Please enter your current password.', field: this.current };
    if (this.next.value.length < MIN_LENGTH) return { text: `The new password must have at least ${MIN_LENGTH} characters.`, field: this.next };
    if (this.next.value !== this.confirm.value) return { text: 'The two new passwords do not match.', field: this.confirm };
    return null;
  }

  async save() {
    const problem = this.problem();
    if (problem) {
      showMessage('password-error', [problem.text]);
      problem.field.focus();
      return;
    }
    this.submit.disabled = true;
    showMessage('password-error', []);
    try {
      await api.changePassword(this.current.value, this.next.value);
    } catch (error) {
      this.submit.disabled = false;
      showMessage('password-error', error.messages || [String(error.message || error)]);
      this.current.focus();
      return;
    }
    for (const input of [this.current, this.next, this.confirm]) input.value = '';
    this.fields.hidden = true;
    this.submit.hidden = true;
    this.cancel.textContent = 'Close';
    byId('password-done').hidden = false;
    this.cancel.focus();
  }
}

function showMessage(id, lines) {
  const box = byId(id);
  clear(box);
  box.hidden = lines.length === 0;
  if (lines.length === 1) box.append(el('p', { text: lines[0] }));
  else if (lines.length > 1) box.append(el('ul', {}, lines.map((line) => el('li', { text: line }))));
}
