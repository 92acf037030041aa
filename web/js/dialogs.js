// The case dialog (create and edit), the delete confirmation and the "add column" prompt.
// The case dialog never overwrites what the user is typing: news about the case being edited
// (a live event, or a 412 on save) is shown as a notice with the other version's values and a
// button to take them, and only the fields the user actually changed are sent. Its inputs are
// built from the server's field list (case-form.js); the server judges every value it is sent.
//
// The checklist is not typed but ticked: each click is saved at once, as a change of that one
// item (the server merges it), so that two screens ticking different items never collide. Such a
// tick carries no If-Match: it states what is true of one item now, whatever else changed. News
// of the case's items is shown in the dialog as it comes.

import { CaseForm } from './case-form.js';
import { clockAt, clockText, formatDayAndTime, formatTimeOfDay, humanizeInSentence } from './clinical.js';
import { el, clear, byId } from './dom.js';
import { caseFields } from './fields.js';
import { formatValue, sectionLabel, slugify, SLUG_PATTERN } from './format.js';
import { cancellationMark } from './theatre.js';

function displayValue(field, value) {
  if (field.name === 'section') return sectionLabel(value);
  return formatValue(field, value);
}

/** "Due Mon 7 Dec 21:15 (Overdue 25m)" and "Theatre: sent for 13:10, in theatre 14:05", when known. */
function timeline(c, now) {
  const parts = [];
  if (c.due_at) parts.push(`Due ${formatDayAndTime(c.due_at)} (${clockText(clockAt(c.clock, c.due_at, null, now), c.due_at, now)})`);
  const reached = Object.entries(c.theatre_times && typeof c.theatre_times === 'object' ? c.theatre_times : {})
    .filter(([, at]) => at).sort(([, a], [, b]) => (a < b ? -1 : 1));
  if (reached.length) parts.push(`Theatre: ${reached.map(([status, at]) => `${humanizeInSentence(status)} ${formatTimeOfDay(at)}`).join(', ')}`);
  return parts;
}

/**
 * actions: {
 *   create(fields) → Promise<case>
 *   update(id, fields, version) → Promise<case>   (rejects with ApiError; 412 when stale)
 *   latest(id) → Promise<case|null>               (the server's current version)
 *   remove(c) → Promise
 *   history(c)                                    (opens the history panel)
 *   sessionChoices() → [{ value, label }]         (the theatre sessions a case may be booked into)
 * }
 */
export class CaseDialog {
  constructor(actions) {
    this.readOnly = false;
    this.historyButton = byId('case-history');
    this.historyButton.addEventListener('click', () => { if (this.base && this.base.id) this.actions.history(this.base); });
    this.actions = actions;
    this.dialog = byId('case-dialog');
    this.form = byId('case-form');
    this.inputs = new CaseForm(byId('case-fields'), {
      onEdit: (name) => this.dirty.add(name),
      onPick: (name, item, value) => this.pick(name, item, value),
    });
    // Ticks sent and not yet answered: { "checklist.consent": "done" }.
    this.picking = new Map();
    this.title = byId('case-dialog-title');
    this.meta = byId('case-meta');
    this.notice = byId('case-notice');
    this.error = byId('case-error');
    this.saveButton = byId('case-save');
    this.archiveButton = byId('case-archive');
    this.deleteButton = byId('case-delete');
    this.mode = null; // 'create' | 'edit'
    this.base = null; // the version the user's edits apply to
    this.dirty = new Set();
    this.saving = false;
    this.gone = false;

    this.form.addEventListener('submit', (event) => { event.preventDefault(); this.save(); });
    byId('case-cancel').addEventListener('click', () => this.close());
    this.archiveButton.addEventListener('click', () => this.save({ archived: !this.base.archived }));
    this.deleteButton.addEventListener('click', () => this.confirmDelete());
    this.dialog.addEventListener('close', () => { this.mode = null; this.base = null; });
    // Escape must not throw away a half-typed edit without asking.
    this.dialog.addEventListener('cancel', (event) => {
      // Browsers make a repeated Escape uncancellable: then the dialog closes regardless.
      if (this.dirty.size === 0 || this.gone || !event.cancelable) return;
      event.preventDefault();
      confirmAction('Discard the changes you have typed?', 'Discard changes').then((discard) => {
        if (discard) this.close();
      });
    });
  }

  isOpen() {
    return this.dialog.open;
  }

  editingId() {
    return this.mode === 'edit' && this.base ? this.base.id : null;
  }

  openCreate(section, sections) {
    this.mode = 'create';
    this.base = { section };
    this.reset(sections);
    this.title.textContent = `New case — ${sectionLabel(section)}`;
    this.fill(caseFields().blankCase({ section }));
    this.meta.textContent = '';
    this.saveButton.textContent = 'Add case';
    this.archiveButton.hidden = true;
    this.deleteButton.hidden = true;
    this.historyButton.hidden = true;
    this.applyReadOnly();
    this.show();
  }

  openEdit(c, sections) {
    this.mode = 'edit';
    this.base = c;
    this.reset(sections);
    this.title.textContent = this.readOnly ? 'Case' : 'Edit case';
    this.fill(c);
    this.describeBase();
    this.saveButton.textContent = 'Save';
    this.archiveButton.hidden = false;
    this.deleteButton.hidden = false;
    this.historyButton.hidden = false;
    this.applyReadOnly();
    this.show();
  }

  /** Viewers: the dialog shows the case but offers nothing that changes it. */
  setReadOnly(readOnly) {
    this.readOnly = Boolean(readOnly);
    if (this.isOpen()) {
      if (this.mode === 'create' && this.readOnly) { this.close(); return; }
      this.applyReadOnly();
    }
  }

  applyReadOnly() {
    const ro = this.readOnly;
    this.inputs.setDisabled(ro);
    this.saveButton.hidden = ro;
    if (ro) { this.archiveButton.hidden = true; this.deleteButton.hidden = true; }
    byId('case-cancel').textContent = ro ? 'Close' : 'Cancel';
    if (ro && this.mode === 'edit') this.title.textContent = 'Case';
  }

  reset(sections) {
    this.dirty.clear();
    this.picking.clear();
    this.saving = false;
    this.gone = false;
    this.hideNotice();
    this.showError([]);
    const select = this.inputs.control('section');
    clear(select);
    const all = sections.includes(this.base.section) ? sections : [...sections, this.base.section];
    for (const section of all) select.append(el('option', { value: section, text: sectionLabel(section) }));
    this.fillSessionChoices();
    this.setBusy(false);
  }

  /** The sessions to book into; the case's own is kept even when the board knows no more of it. */
  fillSessionChoices() {
    const select = this.inputs.control('session_id');
    if (!select) return;
    clear(select);
    const choices = this.actions.sessionChoices();
    const own = this.base.session_id;
    if (own && !choices.some((choice) => choice.value === own)) choices.push({ value: own, label: 'The session it is booked into' });
    for (const choice of choices) select.append(el('option', { value: choice.value, text: choice.label }));
  }

  show() {
    this.dialog.showModal();
    if (this.readOnly) byId('case-cancel').focus();
    else this.inputs.focusFirst();
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }

  fill(c) {
    this.inputs.fill(c);
  }

  describeBase() {
    const c = this.base;
    this.archiveButton.textContent = c.archived ? 'Unarchive' : 'Archive';
    const parts = [];
    if (c.archived) parts.push('Archived');
    const cancelled = cancellationMark(c);
    if (cancelled) parts.push(cancelled);
    parts.push(...timeline(c, Date.now()));
    if (typeof c.version === 'number') parts.push(`Version ${c.version}`);
    if (c.updated_at) parts.push(`updated ${new Date(c.updated_at).toLocaleString('en-GB')}`);
    this.meta.textContent = parts.join(' · ');
  }

  /**
   * One item of a group chosen (a checklist tick). A new case sends it with the rest; a case
   * being edited saves it at once, and on failure shows the item as the server has it.
   */
  async pick(name, item, value) {
    if (this.mode !== 'edit' || this.readOnly || this.gone) return;
    const id = this.base.id;
    const key = `${name}.${item}`;
    this.picking.set(key, value);
    this.showError([]);
    try {
      const updated = await this.actions.update(id, { [name]: { [item]: value } }, null);
      if (this.picking.get(key) === value) this.picking.delete(key);
      if (this.editingId() === id) this.absorb(updated);
    } catch (error) {
      if (this.picking.get(key) === value) this.picking.delete(key);
      if (this.editingId() !== id) return;
      this.showGroups(this.base);
      if (error.status === 404) this.markGone();
      else if (error.status === 403) this.showError(['You are not allowed to change cases: your account may only view the board.']);
      else this.showError(error.messages || [String(error.message || error)]);
    }
  }

  /** Shows the groups' items as `c` has them, except the ticks still on their way. */
  showGroups(c) {
    for (const name of this.inputs.groups()) {
      const items = { ...(c[name] || {}) };
      for (const [key, value] of this.picking) {
        const [group, item] = key.split('.');
        if (group === name) items[item] = value;
      }
      this.inputs.fillGroup(name, items);
    }
  }

  /**
   * A newer version of the case being edited (the answer to a tick, or a live event): its items
   * are shown at once. When it differs from what the user is editing only in what they cannot
   * type (items, computed fields), it becomes the base silently; otherwise returns false.
   */
  absorb(c) {
    if (typeof c.version === 'number' && typeof this.base.version === 'number' && c.version <= this.base.version) return true;
    this.showGroups(c);
    if (!this.inputs.sameTypedValues(c, this.base)) return false;
    this.base = c;
    this.describeBase();
    return true;
  }

  /** The fields to send: on create all of them, on edit only those the user touched. */
  collect() {
    const fields = {};
    for (const name of this.inputs.names()) {
      if (this.mode === 'edit' && !this.dirty.has(name)) continue;
      fields[name] = this.inputs.read(name);
    }
    return fields;
  }

  async save(extra = {}) {
    if (this.saving || this.gone || this.readOnly) return;
    const missing = this.inputs.firstMissing();
    if (missing) {
      this.showError([`${missing.label}: please fill this in.`]);
      this.inputs.control(missing.name).focus();
      return;
    }
    const fields = { ...this.collect(), ...extra };
    this.setBusy(true);
    this.showError([]);
    try {
      if (this.mode === 'create') {
        await this.actions.create(fields);
      } else if (Object.keys(fields).length > 0) {
        await this.actions.update(this.base.id, fields, this.base.version);
      }
      this.close();
    } catch (error) {
      this.setBusy(false);
      if (error.status === 412) await this.handleConflict();
      else if (error.status === 404 && this.mode === 'edit') this.markGone();
      else if (error.status === 403) this.showError(['You are not allowed to change cases: your account may only view the board.']);
      else this.showError(error.messages || [String(error.message || error)]);
    }
  }

  /** 412: someone saved first. Show their version; the next Save applies the user's edits on top. */
  async handleConflict() {
    let latest = null;
    try { latest = await this.actions.latest(this.base.id); } catch { /* shown below */ }
    if (!latest) { this.markGone(); return; }
    this.showNotice('This case was changed by someone else. Their version is below; your changes are still in the form: Save again to apply them on top of theirs, or use their version.', latest);
    // Rebase: the user has now seen the newer version, so a second Save may go through.
    this.base = latest;
    this.describeBase();
  }

  /** A live update of the case being edited (not our own save). */
  notifyChanged(c) {
    if (!this.isOpen() || this.editingId() !== c.id || this.saving) return;
    if (this.absorb(c)) return;
    this.showNotice('Someone else has just changed this case. Your changes are kept in the form; saving will ask you to confirm.', c);
  }

  notifyDeleted(id) {
    if (this.isOpen() && this.editingId() === id && !this.saving) this.markGone();
  }

  markGone() {
    this.gone = true;
    this.showNotice('This case has been deleted by someone else. It can no longer be saved.', null);
    this.saveButton.disabled = true;
    this.archiveButton.disabled = true;
    this.deleteButton.disabled = true;
  }

  showNotice(message, theirs) {
    clear(this.notice);
    this.notice.append(el('p', { className: 'notice-text', text: message }));
    if (theirs) {
      const list = el('dl', { className: 'their-version' });
      // The form's fields, then whether the case is archived and which version it is.
      // The checklist is left out: it is already shown as they have it.
      const groups = new Set(this.inputs.groups());
      const shown = [...this.inputs.names().filter((name) => !groups.has(name)), 'archived', 'version'].map((name) => caseFields().field(name)).filter(Boolean);
      for (const field of shown) {
        list.append(el('div', {}, el('dt', { text: field.label }), el('dd', { text: displayValue(field, theirs[field.name]) })));
      }
      this.notice.append(list, el('button', {
        type: 'button', className: 'button', id: 'case-take-theirs', text: 'Use their version',
        on: { click: () => this.takeTheirs(theirs) },
      }));
    }
    this.notice.hidden = false;
  }

  hideNotice() {
    clear(this.notice);
    this.notice.hidden = true;
  }

  takeTheirs(theirs) {
    this.base = theirs;
    this.fill(theirs);
    this.dirty.clear();
    this.hideNotice();
    this.describeBase();
    this.inputs.focusFirst();
  }

  showError(messages) {
    clear(this.error);
    if (!messages.length) { this.error.hidden = true; return; }
    if (messages.length === 1) this.error.append(el('p', { text: messages[0] }));
    else this.error.append(el('ul', {}, messages.map((m) => el('li', { text: m }))));
    this.error.hidden = false;
  }

  setBusy(busy) {
    this.saving = busy;
    for (const button of [this.saveButton, this.archiveButton, this.deleteButton]) button.disabled = busy;
  }

  async confirmDelete() {
    const c = this.base;
    const ok = await confirmAction(`Delete the case of “${c.name}”? This cannot be undone.`, 'Delete case');
    if (!ok) return;
    this.setBusy(true);
    try {
      await this.actions.remove(c);
      this.close();
    } catch (error) {
      this.setBusy(false);
      if (error.status === 404) this.markGone();
      else this.showError(error.messages || [String(error.message || error)]);
    }
  }
}

/**
 * A yes/no question in a modal dialog. Resolves true when confirmed. The confirming button is
 * red unless `harmless` (e.g. giving an account back its access).
 */
export function confirmAction(message, confirmLabel, { harmless = false } = {}) {
  const dialog = byId('confirm-dialog');
  const ok = byId('confirm-ok');
  const cancel = byId('confirm-cancel');
  byId('confirm-message').textContent = message;
  ok.textContent = confirmLabel;
  ok.className = harmless ? 'button button-primary' : 'button button-danger';
  // Answers come from the buttons and Escape directly, not from the dialog's "close" event:
  // that event is queued, and one left over from the previous question would answer this one.
  return new Promise((resolve) => {
    const finish = (result) => {
      ok.removeEventListener('click', onOk);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      resolve(result);
    };
    const onOk = (event) => { event.preventDefault(); finish(true); };
    const onCancel = (event) => { event.preventDefault(); finish(false); };
    ok.addEventListener('click', onOk);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
    cancel.focus();
  });
}

/**
 * Asks for a new column's name. Resolves to its section slug, or null when cancelled.
 * `existing` lists the slugs already on the board.
 */
export function askColumnName(existing) {
  const dialog = byId('column-dialog');
  const form = byId('column-form');
  const input = byId('column-name');
  const hint = byId('column-slug');
  const error = byId('column-error');
  input.value = '';
  hint.textContent = '';
  error.hidden = true;

  return new Promise((resolve) => {
    const update = () => {
      const slug = slugify(input.value);
      hint.textContent = slug ? `Section code: ${slug}` : '';
    };
    const submit = (event) => {
      event.preventDefault();
      const slug = slugify(input.value);
      let problem = '';
      if (!SLUG_PATTERN.test(slug)) problem = 'Please enter a name with at least one letter or digit.';
      else if (existing.includes(slug)) problem = `There is already a column “${sectionLabel(slug)}”.`;
      if (problem) {
        error.textContent = problem;
        error.hidden = false;
        input.focus();
        return;
      }
      finish(slug);
    };
    const cancel = () => finish(null);
    const finish = (result) => {
      input.removeEventListener('input', update);
      form.removeEventListener('submit', submit);
      byId('column-cancel').removeEventListener('click', cancel);
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
      resolve(result);
    };
    input.addEventListener('input', update);
    form.addEventListener('submit', submit);
    byId('column-cancel').addEventListener('click', cancel);
    dialog.addEventListener('cancel', cancel);
    dialog.showModal();
    input.focus();
  });
}
