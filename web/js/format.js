// Display helpers for sections, dates and field values. Pure functions: no DOM access.

import { formatDayAndTime, humanizeInSentence } from './clinical.js';

/** Sections every team has; always shown first, in this order, even when empty. */
export const FIXED_SECTIONS = ['new_referral', 'on_list'];

const KNOWN_LABELS = {
  new_referral: 'New referrals',
  on_list: 'On the list',
  post_op: 'Post-op',
};

/** Human label for a section slug: known ones by name, others from the slug ("post_op" → "Post op"). */
export function sectionLabel(slug) {
  if (KNOWN_LABELS[slug]) return KNOWN_LABELS[slug];
  const words = String(slug).replace(/_+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : slug;
}

/** Column order: the fixed sections first, then every other one alphabetically, no duplicates. */
export function orderSections(slugs) {
  const others = [...new Set(slugs)].filter((s) => !FIXED_SECTIONS.includes(s)).sort();
  return [...FIXED_SECTIONS, ...others];
}

/** The API's section rule: [a-z0-9_]{1,64}. Turns "Awaiting imaging" into "awaiting_imaging". */
export function slugify(text) {
  return String(text)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents: "Théâtre" → "theatre"
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
}

export const SLUG_PATTERN = /^[a-z0-9_]{1,64}$/;

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC',
});

/**
 * "2025-08-25" → "Mon 25 Aug 2025". Dates are calendar dates without a time zone, so they are
 * parsed and printed in UTC: the day never shifts with the ward PC's time zone.
 */
export function formatDate(isoDate) {
  if (!isoDate) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return isoDate;
  // Assembled from parts: browsers disagree about the comma after the weekday.
  const part = Object.fromEntries(dateFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.weekday} ${part.day} ${part.month} ${part.year}`;
}

// Fields whose values read better in capitals: a theatre slot is "AM", not "am".
const UPPER_CASE_FIELDS = new Set(['theatre_slot']);

/** Whether a field's values are shown in capitals. */
export function showsUpperCase(name) {
  return UPPER_CASE_FIELDS.has(name);
}

/**
 * A field's value as text ("—" when unset): dates as calendar dates, instants in local time,
 * some fields in capitals, choices in words, yes/no for flags. `field` is the server's descriptor, or undefined for a key it does not list.
 */
export function formatValue(field, value) {
  if (value === null || value === undefined || value === '') return '—';
  if (field && field.type === 'date' && typeof value === 'string') return formatDate(value);
  if (field && field.type === 'timestamp' && typeof value === 'string') return formatDayAndTime(value);
  if (field && showsUpperCase(field.name)) return String(value).toUpperCase();
  // A choice among the server's values reads as words: "in_theatre" → "in theatre".
  if (field && Array.isArray(field.values) && typeof value === 'string') return humanizeInSentence(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Today's local calendar date as YYYY-MM-DD (what a clinician means by "today"). */
export function todayIso(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
