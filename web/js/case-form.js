// The case dialog's inputs, built from the server's field list: one labelled control for each
// field a user may write, with the server's label, length limit and pattern. What stays here is
// presentation: which control suits a type, and the few fields that are shown in a way of their
// own. Every value comes from and goes to the form through here.
//
// An object field with named items (the readiness checklist) is a group of choices, one row per
// item: it is not typed and saved with the rest, each click is news to act on at once (onPick).

import { fromLocalInput, humanize, toLocalInput } from './clinical.js';
import { el } from './dom.js';
import { caseFields } from './fields.js';
import { showsUpperCase } from './format.js';

// Changed elsewhere than in the form: by the Archive button, and by the card's place on the board.
const CHANGED_ELSEWHERE = new Set(['archived', 'order_index']);
// Types the form can enter; a writable field of another type is left to other clients.
const ENTERED_TYPES = new Set(['string', 'integer', 'boolean', 'date', 'timestamp', 'object']);
// A text allowed to be longer than this gets a box of several lines.
const MULTILINE_FROM = 1000;
// Fields shown in a way of their own. The patient's name has the dialog's whole width (as have
// boxes of several lines); the section is chosen among the board's columns and the theatre
// session among the sessions the board knows (the dialog fills both lists); the outcome offers the board's common outcomes as suggestions.
const PRESENTATION = {
  name: { wide: true },
  section: { choice: true },
  session_id: { choice: true },
  outcome: { list: 'outcome-options' },
  hospital_number: { placeholder: 'e.g. RX-1234', spellcheck: false },
  pathway: { list: 'pathway-options', spellcheck: false },
};

/** "date_of_injury" → "case-date-of-injury": the id of a field's control. */
function controlId(name) {
  return `case-${name.replace(/_/g, '-')}`;
}

function compilesForBrowsers(pattern) {
  try {
    new RegExp(`^(?:${pattern})$`, 'v');
    return true;
  } catch {
    return false;
  }
}

/**
 * Browsers compile a `pattern` attribute with the `v` flag, where a hyphen at the edge of a
 * character class must be escaped ("[A-Z0-9-]" is refused), and ignore a pattern they cannot
 * compile with a console error. Such a pattern is left to the server, which checks every value.
 */
function browserPattern(pattern) {
  if (!pattern) return null;
  const escaped = pattern.replace(/\[-/g, '[\\-').replace(/([^\\])-\]/g, '$1\\-]');
  return [pattern, escaped].find(compilesForBrowsers) || null;
}

function isMultiline(field) {
  return field.type === 'string' && !field.values && (field.max_length ?? 0) > MULTILINE_FROM;
}

/** An object field the form can enter: named items, each one of a list of values. */
function isItemGroup(field) {
  return field.type === 'object' && Array.isArray(field.keys) && Array.isArray(field.values) && field.values.length > 0;
}

function selectFor(field, id) {
  const options = field.values.map((value) => el('option', { value, text: showsUpperCase(field.name) ? value.toUpperCase() : humanize(value) }));
  if (field.nullable) options.unshift(el('option', { value: '', text: '—' }));
  return el('select', { id, name: field.name }, options);
}

function inputFor(field, id) {
  const shown = PRESENTATION[field.name] || {};
  if (shown.choice) return el('select', { id, name: field.name });
  if (field.values) return selectFor(field, id);
  if (isMultiline(field)) return el('textarea', { id, name: field.name, rows: 3, attrs: { maxlength: field.max_length } });
  const type = { boolean: 'checkbox', date: 'date', integer: 'number', timestamp: 'datetime-local' }[field.type] || 'text';
  return el('input', {
    id,
    name: field.name,
    type,
    attrs: {
      maxlength: type === 'text' ? field.max_length : null,
      pattern: type === 'text' ? browserPattern(field.pattern) : null,
      step: type === 'number' ? 1 : null,
      list: shown.list,
      placeholder: shown.placeholder,
      spellcheck: shown.spellcheck === false ? 'false' : null,
      autocomplete: type === 'text' ? 'off' : null,
    },
  });
}

/**
 * One row per item, each a radio group of the field's values ("Consent: Pending · Done · Not
 * needed"): one click sets an item, and the keyboard moves within a row as in any radio group.
 */
function itemGroupFor(field, id) {
  const rows = field.keys.map((key) => {
    const name = `${field.name}.${key}`;
    const labelId = `${id}-${key.replace(/_/g, '-')}`;
    const choices = field.values.map((value) => el('label', { className: `choice choice-${value.replace(/_/g, '-')}` },
      el('input', { type: 'radio', name, value, dataset: { item: key } }),
      el('span', { text: humanize(value) })));
    return el('div', { className: 'item-row', dataset: { item: key }, attrs: { role: 'radiogroup', 'aria-labelledby': labelId } },
      el('span', { id: labelId, className: 'item-label', text: humanize(key) }),
      el('span', { className: 'item-choices' }, choices));
  });
  return el('fieldset', { id, name: field.name, className: 'item-group' }, el('legend', { text: field.label }), rows);
}

function fieldBlock(field, control) {
  if (control.tagName === 'FIELDSET') return el('div', { className: 'field field-wide' }, control);
  const label = el('label', { htmlFor: control.id, text: field.label });
  if (control.type === 'checkbox') {
    label.className = 'check';
    label.prepend(control);
    return el('div', { className: 'field' }, label);
  }
  const wide = control.tagName === 'TEXTAREA' || Boolean((PRESENTATION[field.name] || {}).wide);
  return el('div', { className: wide ? 'field field-wide' : 'field' }, label, control);
}

function isEntered(field) {
  if (CHANGED_ELSEWHERE.has(field.name) || !ENTERED_TYPES.has(field.type)) return false;
  return field.type !== 'object' || isItemGroup(field);
}

export class CaseForm {
  /**
   * Builds the controls into `container`. hooks: { onEdit(name) when the user changes a field,
   * onPick(name, item, value) when they choose a value for an item of a group }.
   */
  constructor(container, hooks) {
    const fields = caseFields().writable().filter(isEntered);
    this.fields = new Map(fields.map((field) => [field.name, field]));
    this.controls = new Map();
    for (const field of fields) {
      const group = isItemGroup(field);
      const control = group ? itemGroupFor(field, controlId(field.name)) : inputFor(field, controlId(field.name));
      if (group) {
        control.addEventListener('change', (event) => hooks.onPick(field.name, event.target.dataset.item, event.target.value));
      } else {
        control.required = Boolean(field.required);
        control.addEventListener('input', () => hooks.onEdit(field.name));
        control.addEventListener('change', () => hooks.onEdit(field.name));
      }
      this.controls.set(field.name, control);
      container.append(fieldBlock(field, control));
    }
  }

  /** The names of the item groups (saved one click at a time, not with the form). */
  groups() {
    return this.names().filter((name) => this.controls.get(name).tagName === 'FIELDSET');
  }

  /** Sets a group's choices from a value ({ item: value }); items it lacks show the server's default. */
  fillGroup(name, value) {
    const items = value && typeof value === 'object' ? value : {};
    const fallback = this.fields.get(name).default ?? null;
    for (const radio of this.controls.get(name).querySelectorAll('input[type="radio"]')) {
      radio.checked = (items[radio.dataset.item] ?? fallback) === radio.value;
    }
  }

  /** A group's value: { item: chosen value } for every item with a choice. */
  readGroup(name) {
    const value = {};
    for (const radio of this.controls.get(name).querySelectorAll('input[type="radio"]:checked')) value[radio.dataset.item] = radio.value;
    return value;
  }

  /** The names of the fields in the form, in the case object's order. */
  names() {
    return [...this.fields.keys()];
  }

  field(name) {
    return this.fields.get(name);
  }

  control(name) {
    return this.controls.get(name);
  }

  /** The value to send for a field: trimmed on one line, null for "nothing" where the server allows it. */
  read(name) {
    const field = this.fields.get(name);
    const control = this.controls.get(name);
    if (control.tagName === 'FIELDSET') return this.readGroup(name);
    if (control.type === 'checkbox') return control.checked;
    if (control.type === 'datetime-local') return control.value ? fromLocalInput(control.value) : null;
    const oneLine = control.tagName === 'INPUT' && control.type === 'text';
    const text = oneLine ? control.value.trim() : control.value;
    if (text === '') return field.nullable ? null : caseFields().emptyValue(field);
    return field.type === 'integer' ? Number(text) : text;
  }

  fill(c) {
    for (const [name, control] of this.controls) {
      const value = c[name];
      if (control.tagName === 'FIELDSET') this.fillGroup(name, value);
      else if (control.type === 'checkbox') control.checked = Boolean(value);
      else if (control.type === 'datetime-local') control.value = toLocalInput(value);
      else control.value = value === null || value === undefined ? '' : String(value);
    }
  }

  setDisabled(disabled) {
    // A disabled fieldset disables every choice in it.
    for (const control of this.controls.values()) control.disabled = disabled;
  }

  /** The first required field left empty, or null. */
  firstMissing() {
    for (const [name, field] of this.fields) {
      if (!field.required) continue;
      const value = this.read(name);
      if (value === null || value === '' || value === undefined) return field;
    }
    return null;
  }

  focusFirst() {
    const [first] = this.controls.values();
    if (first) first.focus();
  }

  /** Whether the form's typed fields (not the groups) hold the same values in `a` and `b`. */
  sameTypedValues(a, b) {
    const groups = new Set(this.groups());
    return this.names().every((name) => groups.has(name) || JSON.stringify(a[name] ?? null) === JSON.stringify(b[name] ?? null));
  }
}
