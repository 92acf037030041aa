// The filters bar. Its state lives in the URL's query string (history.replaceState), so a view
// such as "today's scheduled cases" can be bookmarked, shared on the ward and reloaded.
//
// Text search covers name AND diagnosis: the API matches one field per parameter (AND between
// parameters), so the board sends one request with `name=` and one with `diagnosis=` and merges
// them. "Show archived" adds the archived cases (`archived=true`) to the active ones, shown
// greyed out, rather than replacing the board by an archive view.
//
// "Awaiting theatre, not ready" (`view=awaiting`) is the board's own view: the server's
// `ready=false`, and of those the cases not yet in theatre, which the board picks itself.

import { humanize, isAwaitingNotReady } from './clinical.js';
import { byId, clear, el } from './dom.js';
import { caseFields } from './fields.js';
import { formatValue } from './format.js';

// Which filters the bar offers is the page's choice: its inputs are named after the API's query
// parameters (index.html). What a parameter filters, and how it matches, is the server's: its
// filter list, which also gives meaning to any other parameter of a bookmarked address
// ("?ward=7B"), both in the requests and for live events.
const SEARCH = 'q';
const VIEW = 'view';
const AWAITING = 'awaiting';
const READY_FIELD = 'ready';
// The fields the text search looks in, one request each.
const SEARCHED_FIELDS = ['name', 'diagnosis'];
// Matches that compare a field with the parameter's value (not paging). The archived flag is
// the bar's own (it adds archived cases rather than choosing them).
const VALUE_MATCHES = new Set(['exact', 'contains', 'from', 'to', 'flag', 'is']);
const TEXT_DELAY_MS = 300;

/** The flag filter: "Show archived". */
function archivedFilter() {
  const filter = caseFields().filters.find((f) => f.match === 'flag' && f.field === 'archived');
  if (!filter) throw new Error('The server offers no filter on archived cases');
  return filter;
}

/** The query parameters that filter by a field's value, in the server's order. */
function valueFilters() {
  const archived = archivedFilter();
  return caseFields().filters.filter((filter) => VALUE_MATCHES.has(filter.match) && filter !== archived);
}

/** The parameter that filters by readiness, or undefined when the server has none. */
function readyFilter() {
  return valueFilters().find((filter) => filter.field === READY_FIELD);
}

/** No filter set. A filters object holds only the parameters that are set, plus these three. */
export function emptyFilters() {
  return { [SEARCH]: '', archived: false, awaiting: false };
}

/** Filters from a query string ("?q=smith&archived=true"); unknown parameters are ignored. */
export function filtersFromSearch(search) {
  const params = new URLSearchParams(search);
  const filters = emptyFilters();
  filters[SEARCH] = (params.get(SEARCH) || '').trim();
  for (const { param } of valueFilters()) {
    const value = (params.get(param) || '').trim();
    if (value) filters[param] = value;
  }
  filters.archived = ['true', '1'].includes(params.get(archivedFilter().param));
  filters.awaiting = params.get(VIEW) === AWAITING;
  return filters;
}

/** The query string for filters, empty values left out ("" when nothing is set). */
export function searchFromFilters(filters) {
  const params = new URLSearchParams();
  if (filters[SEARCH]) params.set(SEARCH, filters[SEARCH]);
  for (const { param } of valueFilters()) if (filters[param]) params.set(param, filters[param]);
  if (filters.archived) params.set(archivedFilter().param, 'true');
  if (filters.awaiting) params.set(VIEW, AWAITING);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function isFiltered(filters) {
  return Object.values(filters).some(Boolean);
}

/** The GET /cases/ query objects whose merged results make up the view (1 to 4 requests). */
export function queryVariants(filters) {
  const base = {};
  for (const { param } of valueFilters()) if (filters[param]) base[param] = filters[param];
  const ready = readyFilter();
  if (filters.awaiting && ready) base[ready.param] = 'false';
  const texts = filters[SEARCH]
    ? SEARCHED_FIELDS.map((field) => ({ [caseFields().paramFor(field, 'contains')]: filters[SEARCH] }))
    : [{}];
  const archived = filters.archived ? ['false', 'true'] : ['false'];
  const flag = archivedFilter().param;
  return texts.flatMap((text) => archived.map((a) => ({ ...base, ...text, [flag]: a })));
}

function contains(value, text) {
  return String(value ?? '').toLowerCase().includes(text.toLowerCase());
}

/**
 * Whether a field's value passes one filter, as the API decides: exact and case-sensitive,
 * a case-insensitive substring, an inclusive bound that an unset value never meets, or a yes/no.
 */
function passes(filter, value, wanted) {
  const unset = value === null || value === undefined || value === '';
  // A bound compares as much of the value as it gives ("2031-05-02" against a timestamp's day).
  const bounded = unset ? '' : String(value).slice(0, wanted.length);
  switch (filter.match) {
    case 'exact': return !unset && String(value) === wanted;
    case 'contains': return contains(value, wanted);
    case 'from': return !unset && bounded >= wanted;
    case 'to': return !unset && bounded <= wanted;
    case 'flag':
    case 'is': return Boolean(value) === ['true', '1'].includes(wanted);
    default: return true;
  }
}

/**
 * Whether a case belongs in the view — the same rules as the API, applied to live events so
 * that a case edited elsewhere appears or leaves without a refetch.
 */
export function matchesFilters(c, filters) {
  if (!filters.archived && c[archivedFilter().field]) return false;
  if (filters[SEARCH] && !SEARCHED_FIELDS.some((field) => contains(c[field], filters[SEARCH]))) return false;
  if (filters.awaiting && !isAwaitingNotReady(c)) return false;
  const ready = readyFilter();
  // The view asks for the cases that are not ready whatever the bar's readiness says.
  const judged = valueFilters().filter((filter) => !(filters.awaiting && filter === ready));
  return judged.every((filter) => !filters[filter.param] || passes(filter, c[filter.field], filters[filter.param]));
}

/** Phrases for the printed list's heading: "search “hip”", "surgery date from Fri 2 May 2031". */
export function describeFilters(filters) {
  const fields = caseFields();
  const parts = [];
  if (filters[SEARCH]) parts.push(`search “${filters[SEARCH]}”`);
  for (const filter of valueFilters()) {
    const value = filters[filter.param];
    if (!value || (filters.awaiting && filter.field === READY_FIELD)) continue;
    if (filter.field === READY_FIELD) { parts.push(['true', '1'].includes(value) ? 'ready' : 'not ready'); continue; }
    const how = { from: ' from', to: ' to', contains: ' containing' }[filter.match] || '';
    parts.push(`${fields.labelInSentence(filter.field)}${how} ${formatValue(fields.field(filter.field), value)}`);
  }
  if (filters.awaiting) parts.push('awaiting theatre, not ready');
  if (filters.archived) parts.push('including archived cases');
  return parts;
}

/**
 * Wires the filters form: fills it from `initial`, and calls onChange(filters) when the user
 * changes something (text after a short pause, so that typing a name is not a request per key).
 */
export function setupFilters(initial, onChange) {
  const form = byId('filters');
  const archived = byId('filter-archived');
  const awaiting = byId('filter-awaiting');
  let timer = null;

  fillChoices(form);
  // The bar's value inputs, each named after its query parameter (the two boxes aside).
  const inputs = [...form.querySelectorAll('input[name], select[name]')].filter((input) => input !== archived && input !== awaiting);
  // Parameters of the address that the bar has no input for ("?ward=7B") stay until "Clear filters".
  const inBar = new Set([...inputs.map((input) => input.name), 'archived', 'awaiting']);
  let unseen = Object.fromEntries(Object.entries(initial).filter(([key]) => !inBar.has(key)));
  const read = () => {
    const filters = { ...emptyFilters(), ...unseen };
    for (const input of inputs) {
      const value = input.value.trim();
      if (value) filters[input.name] = value;
    }
    filters.archived = archived.checked;
    filters.awaiting = awaiting.checked;
    return filters;
  };
  const write = (filters) => {
    for (const input of inputs) input.value = filters[input.name] || '';
    archived.checked = Boolean(filters.archived);
    awaiting.checked = Boolean(filters.awaiting);
  };
  const changed = () => {
    clearTimeout(timer);
    onChange(read());
  };

  write(initial);
  form.addEventListener('submit', (event) => { event.preventDefault(); changed(); });
  form.addEventListener('change', changed);
  byId('filter-q').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(changed, TEXT_DELAY_MS);
  });
  byId('filter-clear').addEventListener('click', () => {
    unseen = {};
    write(emptyFilters());
    changed();
  });
  return { read, write };
}

/**
 * The bar's choice lists that follow the server: a select marked data-values-of="priority" offers
 * that field's values; one whose parameter the server does not filter by is hidden.
 */
function fillChoices(form) {
  for (const select of form.querySelectorAll('select[name]')) {
    const offered = valueFilters().some((filter) => filter.param === select.name);
    select.closest('.field').hidden = !offered;
    const field = select.dataset.valuesOf ? caseFields().field(select.dataset.valuesOf) : null;
    if (!field || !Array.isArray(field.values)) continue;
    const any = select.options[0];
    clear(select);
    select.append(any, ...field.values.map((value) => el('option', { value, text: humanize(value) })));
  }
}

/** Keeps the address bar in step with the filters, without adding history entries. */
export function reflectInUrl(filters) {
  const url = `${window.location.pathname}${searchFromFilters(filters)}${window.location.hash}`;
  window.history.replaceState(null, '', url);
}
