// The theatre lists' pure logic (web/js/theatre.js): the week shown, the queue's order, a
// session's capacity in words, and the mark of a cancelled case. Tested in Node.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cancellationMark, capacity, durationWords, isCancellable, queueOrder, shiftWeek, weekOf,
} from '../../web/js/theatre.js';

test('a week runs from Monday to Sunday, and moves by seven days', () => {
  assert.deepEqual(weekOf('2026-12-07'), { from: '2026-12-07', to: '2026-12-13' }); // a Monday
  assert.deepEqual(weekOf('2026-12-13'), { from: '2026-12-07', to: '2026-12-13' }); // its Sunday
  assert.deepEqual(weekOf('2027-01-01'), { from: '2026-12-28', to: '2027-01-03' });
  assert.deepEqual(shiftWeek(weekOf('2026-12-09'), -1), { from: '2026-11-30', to: '2026-12-06' });
  assert.deepEqual(shiftWeek(weekOf('2026-12-09'), 4), { from: '2027-01-04', to: '2027-01-10' });
  assert.throws(() => weekOf('7 Dec'));
});

test('the queue is ordered by priority, then by clock, then by the earliest deadline', () => {
  const c = (name, priority, clock, due) => ({ name, priority, clock, due_at: due, created_at: '2026-12-01T00:00:00Z' });
  const cases = [
    c('elective', 'elective', 'breached', '2026-12-01T00:00:00Z'),
    c('none', null, null, null),
    c('urgent on track', 'urgent', 'on_track', '2026-12-07T10:00:00Z'),
    c('urgent breached late', 'urgent', 'breached', '2026-12-07T09:00:00Z'),
    c('urgent breached early', 'urgent', 'breached', '2026-12-07T08:00:00Z'),
    c('urgent due soon', 'urgent', 'due_soon', '2026-12-07T06:00:00Z'),
    c('immediate', 'immediate', 'on_track', '2026-12-08T00:00:00Z'),
    c('expedited', 'expedited', null, null),
  ];
  assert.deepEqual(queueOrder(cases).map((x) => x.name), [
    'immediate', 'urgent breached early', 'urgent breached late', 'urgent due soon', 'urgent on track', 'expedited', 'elective', 'none',
  ]);
});

test('capacity reads as minutes booked of the capacity, and says by how much it is over', () => {
  assert.deepEqual(capacity({ booked_minutes: 210, capacity_minutes: 240, over_capacity: false }),
    { booked: 210, capacity: 240, over: 0, isOver: false, fraction: 0.875, text: '210 / 240 min' });
  const over = capacity({ booked_minutes: 300, capacity_minutes: 240, over_capacity: true });
  assert.equal(over.text, '300 / 240 min — over by 60 min');
  assert.equal(over.fraction, 1, 'the bar never overflows its track');
  assert.equal(capacity({ booked_minutes: 240, capacity_minutes: 240, over_capacity: false }).isOver, false, 'full is not over');
});

test('a cancelled case is marked with the count and the latest reason', () => {
  assert.equal(cancellationMark({ cancellations: [] }), null);
  assert.equal(cancellationMark({}), null);
  assert.equal(cancellationMark({ cancellations: [{ reason: 'no_theatre_time' }] }), 'Cancelled ×1 — no theatre time');
  assert.equal(cancellationMark({ cancellations: [{ reason: 'no_bed' }, { reason: 'other', note: 'x' }] }), 'Cancelled ×2 — other');
});

test('a case may be cancelled while booked or awaiting theatre, not once in theatre or archived', () => {
  assert.equal(isCancellable({ session_id: null, theatre_status: null }), true);
  assert.equal(isCancellable({ session_id: 'x', theatre_status: null }), true);
  assert.equal(isCancellable({ session_id: null, theatre_status: 'anaesthetic_room' }), true);
  assert.equal(isCancellable({ session_id: null, theatre_status: 'in_theatre' }), false);
  assert.equal(isCancellable({ session_id: 'x', archived: true }), false);
});

test('the estimated time reads with its turnaround', () => {
  assert.equal(durationWords({ estimated_minutes: 90, turnaround_minutes: 15 }), '90 min + 15 turnaround');
  assert.equal(durationWords({ estimated_minutes: 45, turnaround_minutes: 0 }), '45 min');
  assert.equal(durationWords({ estimated_minutes: null, turnaround_minutes: 15 }), null);
});
