// The filters bar. Its state lives in the URL's query string (history.replaceState), so a view
// such as "today's scheduled cases" can be bookmarked, shared on the ward and reloaded.
//
// Text search covers name AND diagnosis: the API matches one field per parameter (AND between
// parameters), so the board sends one request with `name=` and one with `diagnosis=` and merges
// them. "Show archived" adds the archived cases (`archived=true`) to the active ones, shown
// greyed out, rather than replacing the board by an archive view.

import { byId } from './dom.js';

// URL parameter names are the API's own, plus `q` for the combined text search.
const FIELDS = [
  { key: 'q', input: 'filter-q' },
  { key: 'outcome', input: 'filter-outcome' },
  { key: 'surgery_date_from', input: 'filter-from' },
  { key: 'surgery_date_to', input: 'filter-to' },
];
const TEXT_DELAY_MS = 300;

export function emptyFilters() {
  return { q: '', outcome: '', surgery_date_from: '', surgery_date_to: '', archived: false };
}

/** Filters from a query string ("?q=smith&archived=true"). */
export function filtersFromSearch(search) {
  const params = new URLSearchParams(search);
  const filters = emptyFilters();
  for (const { key } of FIELDS) filters[key] = (params.get(key) || '').trim();
  filters.archived = ['true', '1'].includes(params.get('archived'));
  return filters;
}

/** The query string for filters, empty values left out ("" when nothing is set). */
export function searchFromFilters(filters) {
  const params = new URLSearchParams();
  for (const { key } of FIELDS) if (filters[key]) params.set(key, filters[key]);
  if (filters.archived) params.set('archived', 'true');
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function isFiltered(filters) {
  return FIELDS.some(({ key }) => filters[key]) || filters.archived;
}

/** The GET /cases/ query objects whose merged results make up the view (1 to 4 requests). */
export function queryVariants(filters) {
  const base = {
    outcome: filters.outcome || undefined,
    surgery_date_from: filters.surgery_date_from || undefined,
    surgery_date_to: filters.surgery_date_to || undefined,
  };
  const texts = filters.q ? [{ name: filters.q }, { diagnosis: filters.q }] : [{}];
  const archived = filters.archived ? ['false', 'true'] : ['false'];
  return texts.flatMap((text) => archived.map((a) => ({ ...base, ...text, archived: a })));
}

/**
 * Whether a case belongs in the view — the same rules as the API, applied to live events so
 * that a case edited elsewhere appears or leaves without a refetch.
 */
export function matchesFilters(c, filters) {
  if (!filters.archived && c.archived) return false;
  if (filters.q) {
    const q = filters.q.toLowerCase();
    const inName = String(c.name || '').toLowerCase().includes(q);
    const inDiagnosis = String(c.diagnosis || '').toLowerCase().includes(q);
    if (!inName && !inDiagnosis) return false;
  }
  if (filters.outcome && c.outcome !== filters.outcome) return false;
  if (filters.surgery_date_from && (!c.surgery_date || c.surgery_date < filters.surgery_date_from)) return false;
  if (filters.surgery_date_to && (!c.surgery_date || c.surgery_date > filters.surgery_date_to)) return false;
  return true;
}

/**
 * Wires the filters form: fills it from `initial`, and calls onChange(filters) when the user
 * changes something (text after a short pause, so that typing a name is not a request per key).
 */
export function setupFilters(initial, onChange) {
  const form = byId('filters');
  const archived = byId('filter-archived');
  let timer = null;

  const read = () => {
    const filters = emptyFilters();
    for (const { key, input } of FIELDS) filters[key] = byId(input).value.trim();
    filters.archived = archived.checked;
    return filters;
  };
  const write = (filters) => {
    for (const { key, input } of FIELDS) byId(input).value = filters[key] || '';
    archived.checked = Boolean(filters.archived);
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
    write(emptyFilters());
    changed();
  });
  return { read, write };
}

/** Keeps the address bar in step with the filters, without adding history entries. */
export function reflectInUrl(filters) {
  const url = `${window.location.pathname}${searchFromFilters(filters)}${window.location.hash}`;
  window.history.replaceState(null, '', url);
}
