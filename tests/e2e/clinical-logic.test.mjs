// Pure logic of the clinical additions (web/js/history.js sentences, web/js/exporter.js CSV
// merging), tested in Node without a browser. The sentences name fields by the server's labels,
// read once from a short-lived server.

import './helpers/london-time.mjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { useServerCaseFields } from './helpers/case-fields.mjs';
import { describeChange, describeEntry } from '../../web/js/history.js';
import { parseCsv, toCsv } from '../../web/js/exporter.js';

const entry = (action, changes = {}) => ({ action, email: 'sam@example.org', changes });

before(useServerCaseFields);

test('history entries read as sentences', () => {
  assert.equal(describeEntry(entry('create', { name: { before: null, after: 'A' } })), 'sam@example.org created this');
  assert.equal(describeChange(entry('delete')), 'deleted this');
  assert.equal(describeChange(entry('restore')), 'restored this');
  assert.equal(describeChange(entry('reorder', { section: { before: 'new_referral', after: 'on_list' }, order_index: { before: 1, after: 0 } })),
    'moved this from new_referral to on_list');
  assert.equal(describeChange(entry('reorder', { order_index: { before: 1, after: 0 } })), 'changed its place in the column');
  assert.equal(describeChange(entry('update', { outcome: { before: 'Pending', after: 'Scheduled' }, updated_at: { before: 'x', after: 'y' }, version: { before: 1, after: 2 } })),
    'changed outcome from Pending to Scheduled');
  assert.equal(describeChange(entry('update', {
    hospital_number: { before: null, after: 'RX-1' },
    ward: { before: '7B', after: '' },
    theatre_slot: { before: 'am', after: 'pm' },
  })), 'set hospital number to RX-1, cleared ward (was 7B) and changed theatre slot from AM to PM');
  assert.equal(describeChange(entry('update', { archived: { before: false, after: true } })), 'archived this');
  assert.equal(describeChange(entry('update', { notes: { before: '', after: 'a very long note' } })), 'edited the notes');
  assert.equal(describeChange(entry('update', { date_of_injury: { before: null, after: '2026-01-02' } })), 'set date of injury to Fri 2 Jan 2026');
  assert.equal(describeChange(entry('role_change', { role: { before: 'editor', after: 'viewer' } })), 'changed a role from editor to viewer');
  assert.equal(describeEntry({ action: 'update', email: null, changes: null }), 'Someone updated this');
});

test('the clinical workflow\'s history reads as a ward says it', () => {
  // The entry's time in the browser's time zone: London is an hour ahead of UTC in July.
  const at = '2026-07-07T13:05:00.000000Z';
  assert.equal(describeEntry({ ...entry('update', { 'checklist.consent': { before: 'pending', after: 'done' } }), at }),
    'sam@example.org — Consent: done');
  assert.equal(describeChange({ ...entry('update', {
    'checklist.group_and_save': { before: 'pending', after: 'not_needed' },
    'checklist.bloods': { before: 'done', after: 'pending' },
    ready: { before: true, after: false },
  }), at }), 'Group and save: not needed; Bloods: pending', 'computed fields are no news');
  assert.equal(describeChange({ ...entry('update', { theatre_status: { before: 'sent_for', after: 'in_theatre' }, theatre_times: { before: {}, after: {} } }), at }),
    'Theatre status: in theatre at 14:05');
  assert.equal(describeChange({ ...entry('update', { theatre_status: { before: 'in_theatre', after: null } }), at }),
    'Theatre status: cleared (was in theatre)');
  assert.equal(describeChange({ ...entry('update', { priority: { before: null, after: 'urgent' }, 'checklist.consent': { before: 'pending', after: 'done' } }), at }),
    'set priority to urgent; Consent: done');
  // ICU versions differ on a comma between the date and the time: either is the same words.
  assert.match(describeChange({ ...entry('update', { admitted_at: { before: null, after: '2026-07-07T08:15:00.000000Z' } }), at }),
    /^set admitted to Tue 7 Jul,? 09:15$/);
});

test('CSV parsing and writing round-trip RFC 4180 cells', () => {
  const text = 'id,name,notes\r\n1,"Smith, J","line 1\r\nline ""2"""\r\n2,\'=SUM(A1),\r\n';
  const rows = parseCsv(text);
  assert.deepEqual(rows, [['id', 'name', 'notes'], ['1', 'Smith, J', 'line 1\r\nline "2"'], ['2', "'=SUM(A1)", '']]);
  assert.equal(toCsv(rows), text);
  assert.deepEqual(parseCsv(''), []);
});
