// The admin page: users with a role select each and Deactivate/Reactivate (PATCH /users/{id}),
// accounts awaiting approval first, a "New user" form, and the audit trail (GET /audit, newest
// first, filtered by action and user, paged with "Older"), where a deleted case can be
// restored. Shown only to admins; the server checks the role on every request.

import { api } from './api.js';
import { confirmAction } from './dialogs.js';
import { byId, clear, el } from './dom.js';
import { describeChange, formatWhen } from './history.js';
import { NewUserForm } from './new-user.js';

const ROLES = ['admin', 'editor', 'viewer'];
const PAGE_SIZE = 50;

/**
 * hooks: { currentUserId() → string|null, onOwnRoleChanged(), caseInfo(id) → case|null (if on the board) }
 */
export class AdminPage {
  constructor(hooks) {
    this.hooks = hooks;
    this.users = [];
    this.offset = 0;
    this.seq = 0;
    this.shownIds = new Set();
    this.filters = {};
    const apply = () => {
      this.filters = {
        action: byId('audit-action').value,
        user: byId('audit-user').value.trim(),
        from: byId('audit-from').value,
        to: byId('audit-to').value,
      };
      this.loadAudit(true);
    };
    byId('audit-filters').addEventListener('submit', (event) => { event.preventDefault(); apply(); });
    // Selects and dates apply at once; the user field on Enter or "Apply".
    for (const id of ['audit-action', 'audit-from', 'audit-to']) byId(id).addEventListener('change', apply);
    byId('audit-older').addEventListener('click', () => this.loadAudit(false));
    this.newUserForm = new NewUserForm((user) => {
      this.users.push(user);
      this.renderUsers();
    });
  }

  /** Loads (or reloads) both tables. */
  async show() {
    message('users-message', [], 'error');
    message('audit-message', [], 'error');
    await Promise.all([this.loadUsers(), this.loadAudit(true)]);
  }

  /** Empties both tables: the next person at a shared PC must not find them in the page. */
  forget() {
    this.seq += 1;
    this.users = [];
    this.shownIds = new Set();
    clear(byId('users-body'));
    clear(byId('audit-body'));
    byId('users-pending-count').textContent = '';
    byId('audit-status').textContent = '';
    byId('new-user-email').value = '';
    message('users-message', [], 'error');
    message('audit-message', [], 'error');
    message('new-user-message', [], 'error');
  }

  async loadUsers() {
    try {
      const { data } = await api.listUsers();
      this.users = Array.isArray(data) ? data : [];
    } catch (error) {
      message('users-message', prefix('Could not load the users', error), 'error');
      return;
    }
    this.renderUsers();
  }

  /** Accounts awaiting approval first (they are what an admin comes here for), then the rest. */
  renderUsers() {
    const body = clear(byId('users-body'));
    const pending = this.users.filter(isPending);
    const others = this.users.filter((user) => !isPending(user));
    for (const user of [...pending, ...others]) body.append(this.userRow(user));
    byId('users-pending-count').textContent = pending.length === 0 ? ''
      : `${pending.length} ${pending.length === 1 ? 'account awaits' : 'accounts await'} approval.`;
  }

  userRow(user) {
    const isMe = user.id === this.hooks.currentUserId();
    const active = user.active !== false;
    return el('tr', { className: active ? null : 'user-inactive', dataset: { userId: user.id } },
      el('td', { className: 'user-email-cell' }, el('span', { text: user.email }), isMe ? el('span', { className: 'hint', text: ' (you)' }) : null),
      el('td', { text: user.created_at ? formatWhen(user.created_at) : '', attrs: { title: user.created_at || null } }),
      el('td', {}, this.roleSelect(user)),
      el('td', {}, statusBadge(user)),
      // An admin cannot lock themselves out from here (the server also refuses the last admin).
      el('td', { className: 'user-actions' }, isMe ? null : this.activeButton(user, active)));
  }

  roleSelect(user) {
    const pending = hasNoRole(user);
    const options = ROLES.map((role) => el('option', { value: role, text: role, selected: role === user.role }));
    if (pending) options.unshift(el('option', { value: '', text: 'Approve as…', disabled: true, selected: true }));
    const select = el('select', {
      className: pending ? 'role-select role-select-pending' : 'role-select',
      attrs: { 'aria-label': pending ? `Approve ${user.email} as` : `Role of ${user.email}` },
      dataset: { userId: user.id },
    }, options);
    select.value = pending ? '' : user.role;
    select.addEventListener('change', () => this.changeRole(user, select));
    return select;
  }

  activeButton(user, active) {
    return el('button', {
      type: 'button',
      className: active ? 'button button-danger active-toggle' : 'button active-toggle',
      text: active ? 'Deactivate' : 'Reactivate',
      attrs: { 'aria-label': `${active ? 'Deactivate' : 'Reactivate'} ${user.email}` },
      on: { click: () => this.setActive(user, !active) },
    });
  }

  async changeRole(user, select) {
    const role = select.value;
    const hadNoRole = hasNoRole(user);
    select.disabled = true;
    message('users-message', [], 'error');
    try {
      const { data } = await api.setRole(user.id, role);
      user.role = (data && data.role) || role;
      message('users-message', [`${user.email} is now ${user.role === 'admin' ? 'an' : 'a'} ${user.role}.`], 'success');
      if (user.id === this.hooks.currentUserId()) this.hooks.onOwnRoleChanged();
    } catch (error) {
      message('users-message', prefix(`Could not change the role of ${user.email}`, error), 'error');
    }
    if (hadNoRole && !hasNoRole(user)) {
      // The row moves out of the "awaiting approval" group: keep the keyboard focus with it.
      this.renderUsers();
      this.focusInRow(user, '.role-select');
      return;
    }
    select.disabled = false;
    select.value = hasNoRole(user) ? '' : user.role;
  }

  async setActive(user, active) {
    const question = active
      ? `Reactivate ${user.email}? They can sign in again with their role (${user.role}).`
      : `Deactivate ${user.email}? They are signed out everywhere at once and cannot sign in until reactivated.`;
    const ok = await confirmAction(question, active ? 'Reactivate' : 'Deactivate', { harmless: active });
    if (!ok) { this.focusInRow(user, '.active-toggle'); return; }
    message('users-message', [], 'error');
    try {
      const { data } = await api.setActive(user.id, active);
      user.active = data && typeof data.active === 'boolean' ? data.active : active;
      message('users-message', [`${user.email} is ${user.active ? 'active again' : 'deactivated'}.`], 'success');
    } catch (error) {
      message('users-message', prefix(`Could not ${active ? 'reactivate' : 'deactivate'} ${user.email}`, error), 'error');
    }
    this.renderUsers();
    this.focusInRow(user, '.active-toggle');
  }

  focusInRow(user, selector) {
    const row = [...byId('users-body').rows].find((tr) => tr.dataset.userId === user.id);
    const control = row && row.querySelector(selector);
    if (control) control.focus();
  }

  async loadAudit(fromStart) {
    const seq = ++this.seq;
    if (fromStart) this.offset = 0;
    const query = { limit: PAGE_SIZE, offset: this.offset, ...this.filters };
    const older = byId('audit-older');
    const status = byId('audit-status');
    status.textContent = 'Loading…';
    older.disabled = true;
    let entries;
    try {
      const { data } = await api.audit(query);
      entries = Array.isArray(data) ? data : [];
    } catch (error) {
      if (seq !== this.seq) return;
      status.textContent = '';
      older.disabled = false;
      message('audit-message', prefix('Could not load the audit trail', error), 'error');
      return;
    }
    if (seq !== this.seq) return;
    const body = byId('audit-body');
    if (fromStart) { clear(body); this.shownIds = new Set(); }
    // Entries written since the first page shift the offsets: never show one twice.
    for (const entry of entries) {
      if (this.shownIds.has(entry.id)) continue;
      this.shownIds.add(entry.id);
      body.append(this.auditRow(entry));
    }
    this.offset += entries.length;
    const shown = body.childElementCount;
    status.textContent = shown === 0 ? 'No entries match.' : `${shown} ${shown === 1 ? 'entry' : 'entries'} shown, newest first`;
    older.hidden = entries.length < PAGE_SIZE;
    older.disabled = false;
  }

  auditRow(entry) {
    const caseId = typeof entry.case === 'string' ? entry.case : null;
    const known = caseId ? this.hooks.caseInfo(caseId) : null;
    const name = caseName(entry) || (known && known.name);
    const mrn = caseField(entry, 'hospital_number') || (known && known.hospital_number);
    let what = describeChange(entry);
    if (entry.target_user) {
      const target = this.users.find((u) => u.id === entry.target_user);
      const who = target ? target.email : entry.target_user;
      what = what.replace('changed a role', `changed the role of ${who}`).replace('an account', `the account of ${who}`);
    }
    const actions = el('td', { className: 'audit-actions' });
    if (entry.action === 'delete' && caseId) {
      actions.append(el('button', {
        type: 'button', className: 'button restore-button', text: 'Restore',
        attrs: { 'aria-label': `Restore ${name || caseId}` },
        on: { click: (event) => this.restore(caseId, name, event.currentTarget) },
      }));
    }
    return el('tr', { className: 'audit-entry', dataset: { action: String(entry.action), entryId: String(entry.id) } },
      el('td', { className: 'audit-when', text: formatWhen(entry.at), attrs: { title: entry.at || null } }),
      el('td', { text: entry.email || entry.user_id || '—' }),
      el('td', { className: 'audit-action', text: String(entry.action) }),
      el('td', { className: 'audit-case', attrs: { title: caseId } },
        name ? el('span', { text: name }) : caseId ? el('code', { text: caseId.slice(0, 8) }) : '—',
        mrn ? el('span', { className: 'mrn mrn-small', text: `MRN ${mrn}` }) : null),
      el('td', { className: 'audit-what', text: what }),
      actions);
  }

  async restore(caseId, name, button) {
    button.disabled = true;
    message('audit-message', [], 'error');
    try {
      const { data } = await api.restoreCase(caseId);
      message('audit-message', [`Restored “${(data && data.name) || name || caseId}”: it is back on the board.`], 'success');
      button.textContent = 'Restored';
    } catch (error) {
      button.disabled = false;
      const lines = prefix(`Could not restore “${name || caseId}”`, error);
      if (error.status === 409) lines.push('The case exists already (it was restored before, or never deleted).');
      if (error.status === 404) lines.push('No such case was ever recorded.');
      message('audit-message', lines, 'error');
    }
  }
}

/** The patient's name recorded in an entry's changes (before or after). */
function caseName(entry) {
  return caseField(entry, 'name');
}

function caseField(entry, key) {
  const change = entry && entry.changes && entry.changes[key];
  if (!change || typeof change !== 'object') return null;
  return change.after || change.before || null;
}

function hasNoRole(user) {
  return user.role === 'pending';
}

/** An account that registered and waits for a role (a deactivated one waits for nothing). */
function isPending(user) {
  return hasNoRole(user) && user.active !== false;
}

function statusBadge(user) {
  if (user.active === false) return el('span', { className: 'status-badge status-inactive', text: 'Deactivated' });
  if (isPending(user)) return el('span', { className: 'status-badge status-pending', text: 'Awaiting approval' });
  return el('span', { className: 'status-badge status-active', text: 'Active' });
}

function prefix(context, error) {
  const messages = error && error.messages ? error.messages : [String((error && error.message) || error)];
  return [`${context}: ${messages.join(' ')}`];
}

function message(id, lines, kind) {
  const box = byId(id);
  clear(box);
  box.className = `form-message ${kind}`;
  box.hidden = lines.length === 0;
  if (lines.length === 1) box.append(el('p', { text: lines[0] }));
  else if (lines.length > 1) box.append(el('ul', {}, lines.map((line) => el('li', { text: line }))));
}
