// The case's fields and the list's filters as the server describes them (GET /case-fields):
// the board keeps no copy of its own. Labels, nullability, length limits, patterns, which
// fields a user may write and which query parameters filter the list all come from here, so a
// field added on the server appears in the case dialog and the history without a change here.

import { api } from './api.js';

let current = null;

/**
 * The server's description: `fields` lists every field of the case object, in its order, as
 * { name, label, type, nullable, writable, required, max_length, pattern, values }; `filters`
 * lists the query parameters of GET /cases/ as { param, field, match }.
 */
class CaseFields {
  constructor(description) {
    if (!description || !Array.isArray(description.fields) || !Array.isArray(description.filters)) {
      throw new Error('The server sent no list of case fields');
    }
    this.fields = description.fields;
    this.filters = description.filters;
    this.byName = new Map(this.fields.map((field) => [field.name, field]));
    this.byParam = new Map(this.filters.map((filter) => [filter.param, filter]));
  }

  /** The descriptor of a field, or undefined for a name the server does not know. */
  field(name) {
    return this.byName.get(name);
  }

  /** The fields a user may set, in the case object's order. */
  writable() {
    return this.fields.filter((field) => field.writable);
  }

  /** The server's label ("Hospital number"), or the name with spaces for an unknown key. */
  label(name) {
    const field = this.field(name);
    return field ? field.label : String(name).replace(/_/g, ' ');
  }

  /**
   * The value a field has before anything is entered: null where allowed, else the type's empty
   * value; undefined for a number, whose default the server chooses (a case's place).
   */
  emptyValue(field) {
    if (field.nullable) return null;
    if (field.type === 'boolean') return false;
    if (field.type === 'string') return '';
    return undefined;
  }

  /** A new case: the writable fields that have an empty value, with `values` on top. */
  blankCase(values = {}) {
    const blank = {};
    for (const field of this.writable()) {
      const empty = this.emptyValue(field);
      if (empty !== undefined) blank[field.name] = empty;
    }
    return { ...blank, ...values };
  }

  /** The label as a sentence says it: "hospital number" (an acronym such as "MRN" stays). */
  labelInSentence(name) {
    const label = this.label(name);
    const startsAcronym = /^[A-Z]{2}/.test(label);
    return startsAcronym ? label : label.charAt(0).toLowerCase() + label.slice(1);
  }

  /** The filter descriptor of a query parameter ({ param, field, match }), or undefined. */
  filter(param) {
    return this.byParam.get(param);
  }

  /** The query parameter that filters `field` by `match` ("surgery_date", "from" → "surgery_date_from"). */
  paramFor(field, match) {
    const filter = this.filters.find((f) => f.field === field && f.match === match);
    if (!filter) throw new Error(`The server offers no "${match}" filter on ${field}`);
    return filter.param;
  }
}

/** Takes the server's description (the body of GET /case-fields) as the board's field list. */
export function useCaseFields(description) {
  current = new CaseFields(description);
  return current;
}

/** The field list; only after loadCaseFields() or useCaseFields() has succeeded. */
export function caseFields() {
  if (!current) throw new Error('The case fields have not been loaded yet');
  return current;
}

/** Asks the server for the field list (no sign-in needed). Rejects when it cannot be had. */
export async function loadCaseFields() {
  const { data } = await api.caseFields();
  return useCaseFields(data);
}
