// The case dialog's inputs, built from the server's field list: one labelled control for each
// field a user may write, with the server's label, length limit and pattern. What stays here is
// presentation: which control suits a type, and the few fields that are shown in a way of their
// own. Every value comes from and goes to the form through here.

import { el } from './dom.js';
import { caseFields } from './fields.js';
import { showsUpperCase } from './format.js';

// Changed elsewhere than in the form: by the Archive button, and by the card's place on the board.
const CHANGED_ELSEWHERE = new Set(['archived', 'order_index']);
// Types the form can enter; a writable field of another type is left to other clients.
const ENTERED_TYPES = new Set(['string', 'integer', 'boolean', 'date']);
// A text allowed to be longer than this gets a box of several lines.
const MULTILINE_FROM = 1000;
// Fields shown in a way of their own. The patient's name has the dialog's whole width (as have
// boxes of several lines); the section is chosen among the board's columns (the dialog fills
// the list); the outcome offers the board's common outcomes as suggestions.
const PRESENTATION = {
  name: { wide: true },
  section: { choice: true },
  outcome: { list: 'outcome-options' },
  hospital_number: { placeholder: 'e.g. RX-1234', spellcheck: false },
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

function selectFor(field, id) {
  const options = field.values.map((value) => el('option', { value, text: showsUpperCase(field.name) ? value.toUpperCase() : value }));
  if (field.nullable) options.unshift(el('option', { value: '', text: '—' }));
  return el('select', { id, name: field.name }, options);
}

function inputFor(field, id) {
  const shown = PRESENTATION[field.name] || {};
  if (shown.choice) return el('select', { id, name: field.name });
  if (field.values) return selectFor(field, id);
  if (isMultiline(field)) return el('textarea', { id, name: field.name, rows: 3, attrs: { maxlength: field.max_length } });
  const type = { boolean: 'checkbox', date: 'date', integer: 'number' }[field.type] || 'text';
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

function fieldBlock(field, control) {
  const label = el('label', { htmlFor: control.id, text: field.label });
  if (control.type === 'checkbox') {
    label.className = 'check';
    label.prepend(control);
    return el('div', { className: 'field' }, label);
  }
  const wide = control.tagName === 'TEXTAREA' || Boolean((PRESENTATION[field.name] || {}).wide);
  return el('div', { className: wide ? 'field field-wide' : 'field' }, label, control);
}

export class CaseForm {
  /** Builds the controls into `container`; onEdit(name) is called when the user changes a field. */
  constructor(container, onEdit) {
    const fields = caseFields().writable().filter((f) => !CHANGED_ELSEWHERE.has(f.name) && ENTERED_TYPES.has(f.type));
    this.fields = new Map(fields.map((field) => [field.name, field]));
    this.controls = new Map();
    for (const field of fields) {
      const control = inputFor(field, controlId(field.name));
      control.required = Boolean(field.required);
      control.addEventListener('input', () => onEdit(field.name));
      control.addEventListener('change', () => onEdit(field.name));
      this.controls.set(field.name, control);
      container.append(fieldBlock(field, control));
    }
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
    if (control.type === 'checkbox') return control.checked;
    const oneLine = control.tagName === 'INPUT' && control.type === 'text';
    const text = oneLine ? control.value.trim() : control.value;
    if (text === '') return field.nullable ? null : caseFields().emptyValue(field);
    return field.type === 'integer' ? Number(text) : text;
  }

  fill(c) {
    for (const [name, control] of this.controls) {
      const value = c[name];
      if (control.type === 'checkbox') control.checked = Boolean(value);
      else control.value = value === null || value === undefined ? '' : String(value);
    }
  }

  setDisabled(disabled) {
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
}
