// The board's pure logic (web/js/reorder.js, filters.js, format.js, fields.js), tested in Node
// without a browser: quick to run and precise about the edge cases. The filters and the blank
// case follow the server's field list, read once from a short-lived server.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { useServerCaseFields } from './helpers/case-fields.mjs';
import { computeMoves } from '../../web/js/reorder.js';
import { describeFilters, filtersFromSearch, matchesFilters, queryVariants, searchFromFilters } from '../../web/js/filters.js';
import { formatDate, orderSections, sectionLabel, slugify } from '../../web/js/format.js';

let fields;
before(async () => { fields = await useServerCaseFields(); });

const c = (id, section, order_index) => ({ id, section, order_index });

function board() {
  return new Map([
    ['new_referral', [c('a', 'new_referral', 0), c('b', 'new_referral', 1), c('c', 'new_referral', 2)]],
    ['on_list', [c('d', 'on_list', 0)]],
    ['post_op', []],
  ]);
}

test('moving within a column renumbers only the cases whose place changed', () => {
  assert.deepEqual(computeMoves(board(), 'c', 'new_referral', 0), [
    { id: 'c', section: 'new_referral', order_index: 0 },
    { id: 'a', section: 'new_referral', order_index: 1 },
    { id: 'b', section: 'new_referral', order_index: 2 },
  ]);
  assert.deepEqual(computeMoves(board(), 'a', 'new_referral', 1), [
    { id: 'b', section: 'new_referral', order_index: 0 },
    { id: 'a', section: 'new_referral', order_index: 1 },
  ]);
});

test('a drop in the same place moves nothing', () => {
  assert.deepEqual(computeMoves(board(), 'b', 'new_referral', 1), []);
});

test('moving between columns renumbers both, and clamps the index', () => {
  assert.deepEqual(computeMoves(board(), 'a', 'on_list', 99), [
    { id: 'a', section: 'on_list', order_index: 1 },
    { id: 'b', section: 'new_referral', order_index: 0 },
    { id: 'c', section: 'new_referral', order_index: 1 },
  ]);
  assert.deepEqual(computeMoves(board(), 'd', 'post_op', 0), [{ id: 'd', section: 'post_op', order_index: 0 }]);
});

test('gaps left by other clients are closed', () => {
  const columns = new Map([['on_list', [c('x', 'on_list', 3), c('y', 'on_list', 7)]]]);
  assert.deepEqual(computeMoves(columns, 'y', 'on_list', 0), [
    { id: 'y', section: 'on_list', order_index: 0 },
    { id: 'x', section: 'on_list', order_index: 1 },
  ]);
});

test('an unknown case moves nothing', () => {
  assert.deepEqual(computeMoves(board(), 'zzz', 'on_list', 0), []);
});

test('filters round-trip through the query string', () => {
  const filters = filtersFromSearch('?q=hip&outcome=Scheduled&surgery_date_from=2031-05-01&archived=true&other=1');
  assert.deepEqual(filters, { q: 'hip', outcome: 'Scheduled', surgery_date_from: '2031-05-01', archived: true, awaiting: false });
  assert.equal(searchFromFilters(filters), '?q=hip&outcome=Scheduled&surgery_date_from=2031-05-01&archived=true');
  assert.equal(searchFromFilters(filtersFromSearch('')), '');
});

test('text search asks for name and diagnosis; "show archived" adds the archived cases', () => {
  const variants = queryVariants(filtersFromSearch('?q=hip&archived=true'));
  assert.deepEqual(variants.map((v) => [v.name, v.diagnosis, v.archived]), [
    ['hip', undefined, 'false'], ['hip', undefined, 'true'], [undefined, 'hip', 'false'], [undefined, 'hip', 'true'],
  ]);
  assert.deepEqual(queryVariants(filtersFromSearch('')), [{ archived: 'false' }]);
  assert.deepEqual(queryVariants(filtersFromSearch('?outcome=Scheduled&ward=7B&limit=5')), [{ outcome: 'Scheduled', ward: '7B', archived: 'false' }],
    'every filter the server offers is passed on; paging is not taken from the address');
});

test('live events are matched against the filters like the API does', () => {
  const kase = { name: 'Alice Smith', diagnosis: 'Hip fracture', outcome: 'Scheduled', surgery_date: '2031-05-02', archived: false };
  assert.equal(matchesFilters(kase, filtersFromSearch('?q=HIP')), true);
  assert.equal(matchesFilters(kase, filtersFromSearch('?q=smi')), true);
  assert.equal(matchesFilters(kase, filtersFromSearch('?q=knee')), false);
  assert.equal(matchesFilters(kase, filtersFromSearch('?outcome=scheduled')), false, 'outcome is an exact match');
  assert.equal(matchesFilters(kase, filtersFromSearch('?surgery_date_from=2031-05-02&surgery_date_to=2031-05-02')), true, 'bounds are inclusive');
  assert.equal(matchesFilters({ ...kase, surgery_date: null }, filtersFromSearch('?surgery_date_to=2031-12-31')), false, 'no date never matches a bound');
  assert.equal(matchesFilters({ ...kase, archived: true }, filtersFromSearch('')), false);
  assert.equal(matchesFilters({ ...kase, archived: true }, filtersFromSearch('?archived=true')), true);
});

test('filters the bar does not show are matched by the server\'s rules too', () => {
  const kase = { name: 'Alice Smith', ward: '7B', consultant: 'Ms Okafor', hospital_number: null, date_of_injury: '2031-04-30', archived: false };
  assert.equal(matchesFilters(kase, filtersFromSearch('?ward=7B')), true);
  assert.equal(matchesFilters(kase, filtersFromSearch('?ward=7b')), false, 'ward is an exact match');
  assert.equal(matchesFilters(kase, filtersFromSearch('?consultant=okaf')), true, 'consultant is a substring match');
  assert.equal(matchesFilters(kase, filtersFromSearch('?hospital_number=RX-1')), false, 'an unset field never matches');
  assert.equal(matchesFilters(kase, filtersFromSearch('?date_of_injury_from=2031-04-30')), true);
  assert.equal(matchesFilters(kase, filtersFromSearch('?date_of_injury_to=2031-04-29')), false);
  assert.equal(matchesFilters(kase, filtersFromSearch('?no_such_field=1')), true, 'unknown parameters are ignored');
});

test('priority, readiness and clock filter like the API; "awaiting theatre, not ready" is the board\'s own view', () => {
  const base = { name: 'Ada Price', archived: false, priority: 'urgent', ready: false, clock: 'breached', theatre_status: null,
    checklist: { consent: 'pending', bloods: 'done' } };
  assert.equal(matchesFilters(base, filtersFromSearch('?priority=urgent&ready=false&clock=breached')), true);
  assert.equal(matchesFilters(base, filtersFromSearch('?priority=immediate')), false);
  assert.equal(matchesFilters(base, filtersFromSearch('?ready=true')), false);
  assert.equal(matchesFilters({ ...base, ready: true }, filtersFromSearch('?ready=true')), true);
  assert.equal(matchesFilters(base, filtersFromSearch('?clock=due_soon')), false);

  const awaiting = filtersFromSearch('?view=awaiting');
  assert.equal(awaiting.awaiting, true);
  assert.equal(searchFromFilters(awaiting), '?view=awaiting');
  assert.deepEqual(queryVariants(awaiting), [{ ready: 'false', archived: 'false' }], 'the server picks the cases not ready');
  assert.equal(matchesFilters(base, awaiting), true);
  assert.equal(matchesFilters({ ...base, theatre_status: 'sent_for' }, awaiting), true, 'sent for is not yet in theatre');
  assert.equal(matchesFilters({ ...base, theatre_status: 'in_theatre' }, awaiting), false);
  assert.equal(matchesFilters({ ...base, ready: true, checklist: { consent: 'done' } }, awaiting), false);
  assert.deepEqual(describeFilters(filtersFromSearch('?view=awaiting&priority=urgent&clock=breached')),
    ['priority urgent', 'clock breached', 'awaiting theatre, not ready']);
});

test('the printed list names its filters by the server\'s labels', () => {
  assert.deepEqual(describeFilters(filtersFromSearch('?q=hip&outcome=Scheduled&surgery_date_from=2031-05-02&archived=true')),
    ['search “hip”', 'outcome Scheduled', 'surgery date from Fri 2 May 2031', 'including archived cases']);
});

test('a new case starts from the server\'s descriptors: null where allowed, else empty', () => {
  const blank = fields.blankCase({ section: 'on_list' });
  assert.equal(blank.section, 'on_list');
  assert.equal(blank.name, '');
  assert.equal(blank.hospital_number, null);
  assert.equal(blank.surgery_date, null);
  assert.equal(blank.ward, '');
  assert.equal(blank.archived, false);
  assert.equal('order_index' in blank, false, 'the server chooses a new case\'s place');
  assert.equal('id' in blank || 'version' in blank || 'created_at' in blank, false, 'no field the server writes itself');
  for (const field of fields.writable()) {
    if (!(field.name in blank) || field.name === 'section') continue;
    assert.equal(blank[field.name], field.nullable ? null : { string: '', boolean: false }[field.type], field.name);
  }
});

test('sections: fixed ones first, then alphabetical; labels and slugs', () => {
  assert.deepEqual(orderSections(['post_op', 'on_list', 'awaiting_imaging', 'post_op']), ['new_referral', 'on_list', 'awaiting_imaging', 'post_op']);
  assert.equal(sectionLabel('new_referral'), 'New referrals');
  assert.equal(sectionLabel('on_list'), 'On the list');
  assert.equal(sectionLabel('awaiting_imaging'), 'Awaiting imaging');
  assert.equal(slugify('  Awaiting imaging (CT)! '), 'awaiting_imaging_ct');
  assert.equal(slugify('Théâtre 2'), 'theatre_2');
  assert.equal(slugify('x'.repeat(80)).length, 64);
});

test('dates are shown as calendar dates, whatever the time zone', () => {
  assert.equal(formatDate('2031-03-14'), 'Fri 14 Mar 2031');
  assert.equal(formatDate(null), '');
  assert.equal(formatDate('not a date'), 'not a date');
});
