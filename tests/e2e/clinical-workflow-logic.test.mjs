// The clinical workflow's pure logic (web/js/clinical.js): readiness, the clock's state and
// text as the card shows them between the server's updates, time waiting, and the conversion of
// the dialog's local times to UTC instants. Tested in Node, in a fixed time zone.

import './helpers/london-time.mjs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clockAt, clockText, dueSoonFrom, formatDuration, fromLocalInput, isAwaitingNotReady, nextChange, readiness,
  targetMinutes, timeWaiting, toLocalInput,
} from '../../web/js/clinical.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.parse('2026-12-07T12:00:00Z');
const at = (ms) => new Date(ms).toISOString();
const TARGETS = {
  pathways: { hip_fracture: { from: 'admitted_at', minutes: 2160 } },
  priorities: { immediate: { from: 'decision_at', minutes: 60 }, urgent: { from: 'decision_at', minutes: 360 } },
};
const checklist = (pending) => Object.fromEntries(['consent', 'site_marked', 'bloods', 'group_and_save']
  .map((item) => [item, pending.includes(item) ? 'pending' : 'done']));

test('readiness names the pending items, and says when nothing is ticked', () => {
  assert.deepEqual(readiness({ checklist: checklist([]), ready: true }), { ready: true, pending: [], total: 4, text: 'Ready' });
  const some = readiness({ checklist: checklist(['consent', 'group_and_save']), ready: false });
  assert.equal(some.ready, false);
  assert.deepEqual(some.pending, ['consent', 'group_and_save']);
  assert.equal(some.text, 'Not ready: consent, group and save');
  assert.equal(readiness({ checklist: checklist(['consent', 'site_marked', 'bloods', 'group_and_save']), ready: false }).text,
    'Not ready: nothing ticked (4 pending)');
  assert.equal(readiness({ checklist: { consent: 'not_needed' } }).ready, true, 'not needed is not pending');
});

test('"awaiting theatre, not ready" leaves out the ready and those already in theatre', () => {
  const notReady = { checklist: checklist(['consent']), ready: false };
  assert.equal(isAwaitingNotReady({ ...notReady, theatre_status: null }), true);
  assert.equal(isAwaitingNotReady({ ...notReady, theatre_status: 'sent_for' }), true);
  assert.equal(isAwaitingNotReady({ ...notReady, theatre_status: 'in_theatre' }), false);
  assert.equal(isAwaitingNotReady({ ...notReady, theatre_status: 'returned' }), false);
  assert.equal(isAwaitingNotReady({ checklist: checklist([]), ready: true, theatre_status: null }), false);
});

test('the target behind due_at is found among the rules that apply', () => {
  const hip = { pathway: 'hip_fracture', admitted_at: at(NOW - 30 * HOUR), due_at: at(NOW + 6 * HOUR) };
  assert.equal(targetMinutes(hip, TARGETS), 2160);
  assert.equal(dueSoonFrom(hip, TARGETS), NOW + 6 * HOUR - 540 * MINUTE, 'the last quarter of 36 h is 9 h');
  // Two rules apply; the earlier deadline (the urgent one) is due_at.
  const both = { ...hip, priority: 'urgent', decision_at: at(NOW - HOUR), due_at: at(NOW + 5 * HOUR) };
  assert.equal(targetMinutes(both, TARGETS), 360);
  assert.equal(targetMinutes({ ...hip, due_at: null }, TARGETS), null, 'no deadline');
  assert.equal(targetMinutes(hip, null), null, 'no targets known');
  assert.equal(targetMinutes({ ...hip, admitted_at: null }, TARGETS), null, 'the rule has no start');
});

test('a running clock moves on with time alone, and never back', () => {
  const due = at(NOW);
  const soon = NOW - 15 * MINUTE;
  assert.equal(clockAt('on_track', due, soon, NOW - 16 * MINUTE), 'on_track');
  assert.equal(clockAt('on_track', due, soon, NOW - 15 * MINUTE), 'due_soon', 'due soon from its first moment');
  assert.equal(clockAt('on_track', due, soon, NOW - 1), 'due_soon');
  assert.equal(clockAt('on_track', due, soon, NOW), 'breached', 'exactly at due_at it is overdue');
  assert.equal(clockAt('due_soon', due, null, NOW - HOUR), 'due_soon', 'the server\'s later state stands');
  assert.equal(clockAt('breached', due, soon, NOW - HOUR), 'breached');
  assert.equal(clockAt('on_track', due, null, NOW + 1), 'breached', 'overdue even when the target is unknown');
  assert.equal(clockAt('met', due, soon, NOW + HOUR), 'met', 'settled clocks stay');
  assert.equal(clockAt('missed', due, soon, NOW - HOUR), 'missed');
  assert.equal(clockAt(null, null, null, NOW), null, 'no deadline, no clock');
});

test('time left and overdue read as hours and minutes, rounded down', () => {
  assert.equal(clockText('on_track', at(NOW + 3 * HOUR + 12 * MINUTE + 59_000), NOW), '3h 12m left');
  assert.equal(clockText('due_soon', at(NOW + 30_000), NOW), '<1m left');
  assert.equal(clockText('breached', at(NOW), NOW), 'Overdue <1m');
  assert.equal(clockText('breached', at(NOW + 2_000), NOW), 'Overdue <1m', 'the server\'s breach stands against a clock a little behind');
  assert.equal(clockText('breached', at(NOW - 25 * MINUTE - 1), NOW), 'Overdue 25m');
  assert.equal(clockText('met', at(NOW), NOW), 'Target met');
  assert.equal(clockText('missed', at(NOW), NOW), 'Target missed');
  assert.equal(formatDuration(71 * HOUR + 59 * MINUTE), '71h 59m');
  assert.equal(formatDuration(4 * 24 * HOUR + 6 * HOUR + 5 * MINUTE), '4d 6h');
  assert.equal(formatDuration(-5), '<1m');
});

test('the next change of a clock is its next minute or its crossing, whichever comes first', () => {
  const due = NOW + 10 * MINUTE + 20_000;
  assert.equal(nextChange('on_track', at(due), null, NOW), NOW + 20_000, 'the minutes left drop');
  assert.equal(nextChange('on_track', at(due), NOW + 5_000, NOW), NOW + 5_000, 'due soon comes first');
  assert.equal(nextChange('breached', at(NOW - 90_000), null, NOW), NOW + 30_000, 'the minutes overdue grow');
  assert.equal(nextChange('met', at(due), null, NOW), null);
  assert.equal(nextChange(null, null, null, NOW), null);
});

test('time waiting counts from admission, else the decision, else the case\'s creation', () => {
  const base = { created_at: at(NOW - 50 * HOUR) };
  assert.equal(timeWaiting(base, NOW), '50h 0m');
  assert.equal(timeWaiting({ ...base, decision_at: at(NOW - 2 * HOUR) }, NOW), '2h 0m');
  assert.equal(timeWaiting({ ...base, decision_at: at(NOW - 2 * HOUR), admitted_at: at(NOW - 26 * HOUR - 5 * MINUTE) }, NOW), '26h 5m');
  assert.equal(timeWaiting({}, NOW), '');
});

test('the dialog\'s local times are UTC instants on the wire', () => {
  // London: GMT in December, BST in July.
  assert.equal(fromLocalInput('2026-12-07T09:15'), '2026-12-07T09:15:00.000Z');
  assert.equal(fromLocalInput('2026-07-07T09:15'), '2026-07-07T08:15:00.000Z');
  assert.equal(toLocalInput('2026-07-07T08:15:00.000000Z'), '2026-07-07T09:15');
  assert.equal(toLocalInput('2026-12-07T09:15:00Z'), '2026-12-07T09:15');
  assert.equal(fromLocalInput(''), null);
  assert.equal(fromLocalInput('yesterday'), null);
  assert.equal(toLocalInput(null), '');
});
