// The admin page: users with a role select each (PATCH /users/{id}), and the audit trail
// (GET /audit, newest first, filtered by action and user, paged with "Older"), where a deleted
// case can be restored. Shown only to admins; the server checks the role on every request.

import { api } from './api.js';
import { byId, clear, el } from './dom.js';
import { describeChange, formatWhen } from './history.js';

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
  }

  /** Loads (or reloads) both tables. */
  async show() {
    message('users-message', [], 'error');
    message('audit-message', [], 'error');
    await Promise.all([this.loadUsers(), this.loadAudit(true)]);
  }

  async loadUsers() {
    const body = byId('users-body');
    try {
      const { data } = await api.listUsers();
      this.users = Array.isArray(data) ? data : [];
    } catch (error) {
      message('users-message', prefix('Could not load the users', error), 'error');
      return;
    }
    clear(body);
    for (const user of this.users) body.append(this.userRow(user));
  }

  userRow(user) {
    const select = el('select', {
      className: 'role-select',
      attrs: { 'aria-label': `Role of ${user.email}` },
      dataset: { userId: user.id },
    }, ROLES.map((role) => el('option', { value: role, text: role, selected: role === user.role })));
    select.value = user.role;
    select.addEventListener('change', () => this.changeRole(user, select));
    const isMe = user.id === this.hooks.currentUserId();
    return el('tr', { dataset: { userId: user.id } },
      el('td', { className: 'user-email-cell' }, el('span', { text: user.email }), isMe ? el('span', { className: 'hint', text: ' (you)' }) : null),
      el('td', { text: user.created_at ? formatWhen(user.created_at) : '', attrs: { title: user.created_at || null } }),
      el('td', {}, select));
  }

  async changeRole(user, select) {
    const role = select.value;
    const previous = user.role;
    select.disabled = true;
    message('users-message', [], 'error');
    try {
      const { data } = await api.setRole(user.id, role);
      user.role = (data && data.role) || role;
      select.value = user.role;
      message('users-message', [`${user.email} is now ${user.role === 'admin' ? 'an' : 'a'} ${user.role}.`], 'success');
      if (user.id === this.hooks.currentUserId()) this.hooks.onOwnRoleChanged();
    } catch (error) {
      select.value = previous;
      message('users-message', prefix(`Could not change the role of ${user.email}`, error), 'error');
    } finally {
      select.disabled = false;
    }
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
    if (entry.action === 'role_change' && entry.target_user) {
      const target = this.users.find((u) => u.id === entry.target_user);
      what = what.replace('changed a role', `changed the role of ${target ? target.email : entry.target_user}`);
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
