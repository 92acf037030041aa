// The admin's "New user" form (POST /users): the server makes up a one-time password, which is
// shown once, in a dialog with a copy button, and is gone from the page when it closes.

import { api } from './api.js';
import { byId, clear, el } from './dom.js';

export class NewUserForm {
  /** onCreated(user) runs after the server created the account. */
  constructor(onCreated) {
    this.onCreated = onCreated;
    this.form = byId('new-user-form');
    this.email = byId('new-user-email');
    this.role = byId('new-user-role');
    this.dialog = byId('otp-dialog');
    this.value = byId('otp-value');
    this.copyStatus = byId('otp-copy-status');
    this.form.addEventListener('submit', (event) => { event.preventDefault(); this.create(); });
    byId('otp-copy').addEventListener('click', () => this.copy());
    byId('otp-done').addEventListener('click', () => this.dialog.close());
    this.dialog.addEventListener('close', () => {
      this.value.value = '';
      this.copyStatus.textContent = '';
      this.email.focus();
    });
  }

  async create() {
    const button = this.form.querySelector('button[type="submit"]');
    const email = this.email.value.trim();
    button.disabled = true;
    showError([]);
    try {
      const { data } = await api.createUser(email, this.role.value);
      const { password, ...account } = data;
      this.email.value = '';
      this.onCreated(account); // the users table never holds the password
      this.showPassword(account.email || email, password);
    } catch (error) {
      showError([`Could not create ${email || 'the user'}: ${(error.messages || [String(error.message || error)]).join(' ')}`]);
      this.email.focus();
    } finally {
      button.disabled = false;
    }
  }

  showPassword(email, password) {
    byId('otp-email').textContent = email;
    this.value.value = typeof password === 'string' ? password : '';
    this.copyStatus.textContent = '';
    this.dialog.showModal();
    this.value.focus();
    this.value.select();
  }

  async copy() {
    try {
      await navigator.clipboard.writeText(this.value.value);
      this.copyStatus.textContent = 'Copied to the clipboard.';
    } catch {
      // No clipboard access (an insecure origin, or permission refused): leave it selected.
      this.value.focus();
      this.value.select();
      this.copyStatus.textContent = 'Could not copy: the password is selected, press Ctrl+C to copy it.';
    }
  }
}

function showError(lines) {
  const box = byId('new-user-message');
  clear(box);
  box.hidden = lines.length === 0;
  if (lines.length) box.append(el('p', { text: lines.join(' ') }));
}
