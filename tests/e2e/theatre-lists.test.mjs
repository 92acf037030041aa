// The theatre lists (issue "Theatre lists"): a coordinator books cases from the queue awaiting
// theatre into a session by dragging them with the mouse (or with the card's own controls),
// orders the list, watches the capacity bar turn to a warning when the list runs over, and
// cancels an operation with a reason. Every change is checked on the server too.
// Screenshots go to tests/e2e/screenshots.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { boardTest } from './helpers/scenario.mjs';
import { call, createCase, getCase, isoDay, newUser, updateCase } from './helpers/api.mjs';
import { card, screenshotDir, signIn, waitFor } from './helpers/browser.mjs';

const DRAG_STEPS = 12;

async function createSession(server, token, fields) {
  const { status, data } = await call(server, 'POST', '/sessions', { token, body: fields });
  assert.equal(status, 201, JSON.stringify(data));
  return data;
}

async function getSession(server, token, id) {
  const { status, data } = await call(server, 'GET', `/sessions/${id}`, { token });
  assert.equal(status, 200, JSON.stringify(data));
  return data;
}

const sessionBox = (page, id) => page.locator(`.session[data-session-id="${id}"]`);
const listCard = (page, scope, name) => scope.locator('.card').filter({ has: page.locator('.card-open', { hasText: new RegExp(`^${name}$`) }) });
const namesInSession = (page, id) => sessionBox(page, id).locator('.card .card-open').allTextContents();
const namesInQueue = (page) => page.locator('#queue-list .card .card-open').allTextContents();

/** A real drag with the mouse: press on the card, move in steps, release over the target point. */
async function drag(page, from, to, { y = 0.5 } = {}) {
  const start = await waitFor(() => from.boundingBox(), { message: 'the card to drag' });
  const end = await waitFor(() => to.boundingBox(), { message: 'the place to drop it' });
  await page.mouse.move(start.x + 30, start.y + 12);
  await page.mouse.down();
  await page.mouse.move(end.x + end.width / 2, end.y + end.height * y, { steps: DRAG_STEPS });
  await page.mouse.up();
}

async function openLists(page) {
  await page.locator('#nav-lists').click();
  await page.locator('#sessions[aria-busy="false"]').waitFor();
}

async function screenshot(page, name) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.mouse.move(0, 0);
  await page.setViewportSize({ width: 1366, height: 1000 });
  await page.screenshot({ path: path.join(screenshotDir, name), animations: 'disabled', fullPage: true });
}

/** Waits (bounded) for the server's list of the session to be `ids`, in that order. */
async function waitForOrder(server, token, sessionId, ids) {
  await waitFor(async () => JSON.stringify((await getSession(server, token, sessionId)).case_ids) === JSON.stringify(ids),
    { message: `the server's list order ${ids.join(', ')}` });
}

boardTest('cases are booked by dragging, reordered, unbooked, and the capacity bar warns when over', async ({ server, open }) => {
  const user = await newUser(server, 'coordinator');
  const today = isoDay(0);
  const list = await createSession(server, user.token, { date: today, theatre: 'Theatre 3', period: 'am', capacity_minutes: 240, consultant: 'Ms Adeyemi' });
  const other = await createSession(server, user.token, { date: today, theatre: 'Theatre 5', period: 'pm' });
  const ankle = await createCase(server, user.token, { name: 'Alan Moss', diagnosis: 'Ankle fracture', section: 'on_list', priority: 'expedited', estimated_minutes: 100, turnaround_minutes: 15 });
  await updateCase(server, user.token, ankle.id, { session_id: list.id });
  const hip = await createCase(server, user.token, { name: 'Cora Ogden', diagnosis: 'Hip fracture', section: 'new_referral', priority: 'urgent', estimated_minutes: 60, turnaround_minutes: 15 });
  const wrist = await createCase(server, user.token, { name: 'Dev Patel', diagnosis: 'Distal radius fracture', section: 'new_referral', priority: 'elective', estimated_minutes: 60 });
  await createCase(server, user.token, { name: 'Fay Lin', diagnosis: 'Septic arthritis', section: 'new_referral', priority: 'immediate' });
  const { page } = await open();
  await signIn(page, server, user);
  await openLists(page);

  // The queue: most urgent first; the session shows who, when, and its load.
  assert.deepEqual(await namesInQueue(page), ['Fay Lin', 'Cora Ogden', 'Dev Patel']);
  const box = sessionBox(page, list.id);
  assert.match(await box.locator('.session-title').textContent(), /Theatre 3.*AM/);
  assert.equal(await box.locator('.session-consultant').textContent(), 'Ms Adeyemi');
  assert.equal(await box.locator('.capacity-text').textContent(), '115 / 240 min');
  assert.equal(await box.locator('.capacity').getAttribute('class'), 'capacity');
  assert.equal(await listCard(page, box, 'Alan Moss').locator('.card-duration').textContent(), '100 min + 15 turnaround');

  // Drag from the queue into the session: booked at the end of its list.
  await drag(page, listCard(page, page.locator('#queue'), 'Cora Ogden'), box.locator('.session-list'));
  await waitFor(async () => (await namesInSession(page, list.id)).join() === 'Alan Moss,Cora Ogden', { message: 'the case booked by drag' });
  await waitFor(async () => (await getCase(server, user.token, hip.id)).session_id === list.id, { message: 'the server to hold the booking' });
  await waitFor(async () => (await box.locator('.capacity-text').textContent()) === '190 / 240 min', { message: 'the capacity counting the new case' });
  assert.deepEqual(await namesInQueue(page), ['Fay Lin', 'Dev Patel']);

  // Drag within the session, above the first case: the list's order changes on the server.
  await drag(page, listCard(page, box, 'Cora Ogden'), listCard(page, box, 'Alan Moss'), { y: 0.2 });
  await waitFor(async () => (await namesInSession(page, list.id)).join() === 'Cora Ogden,Alan Moss', { message: 'the list reordered by drag' });
  // The board shows a drop at once; the server has it once its PATCH lands.
  await waitForOrder(server, user.token, list.id, [hip.id, ankle.id]);

  // The keyboard's way: "Book into…" a session, then "Move up".
  const wristCard = listCard(page, page.locator('#queue'), 'Dev Patel');
  await wristCard.getByLabel('Book Dev Patel into session').selectOption(list.id);
  await wristCard.getByRole('button', { name: 'Book Dev Patel into the chosen session' }).click();
  await waitFor(async () => (await namesInSession(page, list.id)).join() === 'Cora Ogden,Alan Moss,Dev Patel', { message: 'the case booked from the keyboard' });
  await listCard(page, box, 'Dev Patel').getByRole('button', { name: 'Move Dev Patel up' }).click();
  await waitFor(async () => (await namesInSession(page, list.id)).join() === 'Cora Ogden,Dev Patel,Alan Moss', { message: 'the case moved up' });
  await waitForOrder(server, user.token, list.id, [hip.id, wrist.id, ankle.id]);
  await waitFor(() => listCard(page, box, 'Dev Patel').getByRole('button', { name: 'Move Dev Patel up' }).evaluate((node) => node === document.activeElement),
    { message: 'the focus kept on the button after the list was drawn again' });

  // 75 + 75 + 115 = 265 of 240 minutes: over by 25, in the warning colour.
  await waitFor(async () => (await box.locator('.capacity-text').textContent()) === '265 / 240 min — over by 25 min', { message: 'the over-capacity text' });
  assert.equal(await box.locator('.capacity').getAttribute('class'), 'capacity capacity-over');
  assert.equal(await box.locator('.capacity-fill').evaluate((node) => getComputedStyle(node).fill), 'rgb(161, 38, 45)');
  assert.equal(await box.locator('.capacity-fill').getAttribute('width'), '100.00', 'the bar fills its track, no more');
  await waitFor(async () => (await getSession(server, user.token, list.id)).over_capacity === true, { message: 'the server to flag the overrun' });
  await screenshot(page, 'theatre-lists.png');

  // Dragged back to the queue: unbooked.
  await drag(page, listCard(page, box, 'Alan Moss'), page.locator('#queue-list'));
  await waitFor(async () => (await namesInQueue(page)).includes('Alan Moss'), { message: 'the case back in the queue' });
  await waitFor(async () => (await getCase(server, user.token, ankle.id)).session_id === null, { message: 'the server to hold the unbooking' });
  await waitFor(async () => (await box.locator('.capacity-text').textContent()) === '150 / 240 min', { message: 'the capacity without it' });

  // Moved to another session from the keyboard: it leaves the first list.
  const hipCard = listCard(page, box, 'Cora Ogden');
  await hipCard.getByLabel('Move Cora Ogden into session').selectOption(other.id);
  await hipCard.getByRole('button', { name: 'Move Cora Ogden into the chosen session' }).click();
  await waitFor(async () => (await namesInSession(page, other.id)).join() === 'Cora Ogden', { message: 'the case in the other session' });
  assert.deepEqual(await namesInSession(page, list.id), ['Dev Patel']);
});

boardTest('a booking made on another screen appears live, and a session is added from the form', async ({ server, open }) => {
  const user = await newUser(server, 'coordinator');
  const colleague = await newUser(server, 'registrar');
  const session = await createSession(server, user.token, { date: isoDay(0), theatre: 'Theatre 1', period: 'all_day' });
  const c = await createCase(server, user.token, { name: 'Gus Hale', section: 'new_referral', estimated_minutes: 45 });
  const { page } = await open();
  await signIn(page, server, user);
  await openLists(page);
  assert.equal(await sessionBox(page, session.id).locator('.capacity-text').textContent(), '0 / 480 min');

  await updateCase(server, colleague.token, c.id, { session_id: session.id });
  await waitFor(async () => (await namesInSession(page, session.id)).join() === 'Gus Hale', { message: 'the booking to arrive live' });
  assert.equal(await sessionBox(page, session.id).locator('.capacity-text').textContent(), '60 / 480 min');

  // The case dialog shows the booking and the times, and a new estimate changes the load.
  await listCard(page, sessionBox(page, session.id), 'Gus Hale').getByRole('button', { name: 'Edit Gus Hale' }).click();
  const dialog = page.locator('#case-dialog');
  await dialog.waitFor();
  assert.equal(await dialog.locator('#case-session-id').inputValue(), session.id);
  assert.match(await dialog.locator('#case-session-id option:checked').textContent(), /Theatre 1/);
  assert.equal(await dialog.locator('#case-turnaround-minutes').inputValue(), '15');
  await dialog.locator('#case-estimated-minutes').fill('90');
  await dialog.locator('#case-save').click();
  await dialog.waitFor({ state: 'hidden' });
  await waitFor(async () => (await sessionBox(page, session.id).locator('.capacity-text').textContent()) === '105 / 480 min', { message: 'the new estimate counted' });

  await page.getByRole('button', { name: 'Add session' }).click();
  await page.locator('#session-theatre').fill('Theatre 7');
  await page.locator('#session-period').selectOption('evening');
  await page.locator('#session-consultant').fill('Mr Osei');
  await page.locator('#session-save').click();
  const added = page.locator('.session').filter({ has: page.locator('.session-theatre', { hasText: /^Theatre 7$/ }) });
  await added.waitFor();
  assert.equal(await added.locator('.capacity-text').textContent(), '0 / 240 min');
  assert.equal(await added.locator('.session-consultant').textContent(), 'Mr Osei');

  // A session with a booked case cannot be deleted: the dialog says why.
  await sessionBox(page, session.id).getByRole('button', { name: /^Edit session/ }).click();
  await page.locator('#session-delete').click();
  await page.locator('#confirm-ok').click();
  await page.locator('#session-error', { hasText: 'still has booked cases' }).waitFor();
  await page.locator('#session-close').click();

  // Deleted on another screen: it goes from this one.
  const { status } = await call(server, 'DELETE', `/sessions/${(await added.getAttribute('data-session-id'))}`, { token: colleague.token });
  assert.equal(status, 204);
  await added.waitFor({ state: 'detached' });
});

boardTest('cancelling an operation needs a reason, and a note for "other"; the case returns to the queue marked', async ({ server, open }) => {
  const user = await newUser(server, 'coordinator');
  const session = await createSession(server, user.token, { date: isoDay(0), theatre: 'Theatre 2', period: 'pm' });
  const c = await createCase(server, user.token, { name: 'Hana Ito', section: 'on_list', priority: 'urgent', estimated_minutes: 80 });
  await updateCase(server, user.token, c.id, { session_id: session.id });
  const { page } = await open();
  await signIn(page, server, user);
  await openLists(page);

  const booked = listCard(page, sessionBox(page, session.id), 'Hana Ito');
  await booked.getByRole('button', { name: 'Cancel the operation of Hana Ito' }).click();
  const dialog = page.locator('#cancel-dialog');
  await dialog.waitFor();
  const reasons = await page.locator('#cancel-reason option').allTextContents();
  assert.deepEqual(reasons.slice(1), ['Patient unfit', 'No theatre time', 'No bed', 'No staff', 'Equipment', 'Patient declined', 'More urgent case', 'Administrative error', 'Other']);

  // "Other" without a note is refused here, before anything is sent.
  await page.locator('#cancel-reason').selectOption('other');
  assert.equal(await page.locator('#cancel-note-hint').textContent(), '(required for “Other”)');
  await page.locator('#cancel-submit').click();
  await page.locator('#cancel-error', { hasText: 'Please say in the note' }).waitFor();
  assert.deepEqual((await getCase(server, user.token, c.id)).cancellations, []);

  await page.locator('#cancel-note').fill('Family asked to wait for her son');
  await page.locator('#cancel-submit').click();
  await dialog.waitFor({ state: 'hidden' });
  const queued = listCard(page, page.locator('#queue'), 'Hana Ito');
  await queued.waitFor();
  assert.equal(await queued.locator('.cancelled-mark').textContent(), 'Cancelled ×1 — other');
  assert.deepEqual(await namesInSession(page, session.id), []);
  let saved = await getCase(server, user.token, c.id);
  assert.equal(saved.session_id, null);
  assert.deepEqual(saved.cancellations.map(({ reason, note, by }) => ({ reason, note, by })),
    [{ reason: 'other', note: 'Family asked to wait for her son', by: user.email }]);

  // Again from the queue, for want of theatre time: counted twice, the latest reason shown.
  await queued.getByRole('button', { name: 'Cancel the operation of Hana Ito' }).click();
  await page.locator('#cancel-reason').selectOption('no_theatre_time');
  await page.locator('#cancel-submit').click();
  await waitFor(async () => (await listCard(page, page.locator('#queue'), 'Hana Ito').locator('.cancelled-mark').textContent()) === 'Cancelled ×2 — no theatre time',
    { message: 'the second cancellation on the card' });
  saved = await getCase(server, user.token, c.id);
  assert.deepEqual(saved.cancellations.map((x) => x.reason), ['other', 'no_theatre_time']);

  // The board's card carries the same mark.
  await page.locator('#nav-board').click();
  assert.equal(await card(page, 'Hana Ito').locator('.cancelled-mark').textContent(), 'Cancelled ×2 — no theatre time');
});

boardTest('a viewer sees the lists and their load, with nothing to drag, book or cancel', async ({ server, open }) => {
  const admin = await newUser(server, 'admin');
  const viewer = await newUser(server, 'viewer');
  const users = await call(server, 'GET', '/users', { token: admin.token });
  const id = users.data.find((u) => u.email === viewer.email).id;
  assert.equal((await call(server, 'PATCH', `/users/${id}`, { token: admin.token, body: { role: 'viewer' } })).status, 200);
  const session = await createSession(server, admin.token, { date: isoDay(0), theatre: 'Theatre 4', period: 'am' });
  const c = await createCase(server, admin.token, { name: 'Ida Bell', section: 'on_list', estimated_minutes: 30, turnaround_minutes: 0 });
  await updateCase(server, admin.token, c.id, { session_id: session.id });
  await createCase(server, admin.token, { name: 'Jon Kerr', section: 'new_referral' });
  const { page } = await open();
  await signIn(page, server, viewer);
  await openLists(page);

  assert.deepEqual(await namesInSession(page, session.id), ['Ida Bell']);
  assert.equal(await sessionBox(page, session.id).locator('.capacity-text').textContent(), '30 / 240 min');
  assert.deepEqual(await namesInQueue(page), ['Jon Kerr']);
  assert.equal(await page.locator('#lists-view .card[draggable="true"]').count(), 0);
  assert.equal(await page.locator('#lists-view .list-controls').count(), 0);
  assert.equal(await page.locator('#lists-view .session-edit').count(), 0);
  assert.equal(await page.locator('#session-add').isVisible(), false);
});
