// A coordinator's morning on the board (issue "Clinical workflow"): each card shows how urgent
// the case is, what is missing before theatre and the time left or overdue, which keeps ticking
// by itself; the checklist is ticked in one click per item and shows on every screen; the
// filters and the "awaiting theatre, not ready" view pick the cases to chase; the history says
// what happened in words. Screenshots go to tests/e2e/screenshots.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { boardTest } from './helpers/scenario.mjs';
import { call, createCase, getCase, newUser, updateCase } from './helpers/api.mjs';
import { LIVE_TIMEOUT_MS, card, screenshotDir, signIn, waitFor } from './helpers/browser.mjs';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const HIP_FRACTURE_TARGET = 36 * HOUR;
const ITEMS = ['consent', 'site_marked', 'bloods', 'group_and_save', 'imaging', 'anaesthetic_review', 'fasting', 'anticoagulation'];
// How long after its due time a clock may take to turn on the card (it turns at the moment, by
// the page's own clock; this is slack for a loaded machine).
const CROSSING_SLACK_MS = 5_000;

const ago = (ms) => new Date(Date.now() - ms).toISOString();
/** A checklist with every item done but those named. */
const checklistWith = (pending) => Object.fromEntries(ITEMS.map((item) => [item, pending.includes(item) ? 'pending' : 'done']));

async function screenshot(page, name, options = {}) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.mouse.move(0, 0); // no hover state in the picture
  await page.screenshot({ path: path.join(screenshotDir, name), animations: 'disabled', ...options });
}

async function labels(server) {
  const { data } = await call(server, 'GET', '/case-fields');
  return Object.fromEntries(data.fields.map((field) => [field.name, field.label]));
}

boardTest('each card shows the priority, what is missing and the time left or overdue in colour', async ({ server, open }) => {
  const user = await newUser(server);
  await createCase(server, user.token, {
    name: 'Margaret Ellis', diagnosis: 'Left intracapsular NOF fracture', section: 'new_referral', hospital_number: 'RX-100234',
    priority: 'urgent', pathway: 'hip_fracture', admitted_at: ago(30 * HOUR), checklist: checklistWith(['consent', 'bloods']),
  });
  await createCase(server, user.token, {
    name: 'Daniel Okafor', diagnosis: 'Open tibial fracture', section: 'new_referral',
    priority: 'immediate', decision_at: ago(HOUR + 25 * MINUTE), checklist: checklistWith([]),
  });
  await createCase(server, user.token, {
    name: 'Priya Shah', diagnosis: 'Supracondylar fracture', section: 'on_list',
    priority: 'expedited', decision_at: ago(2 * HOUR),
  });
  await createCase(server, user.token, { name: 'Tom Reid', diagnosis: 'Carpal tunnel', section: 'on_list', priority: 'elective' });
  const { page } = await open();
  await signIn(page, server, user);

  const hip = card(page, 'Margaret Ellis');
  assert.equal(await hip.locator('.priority').textContent(), 'Urgent');
  assert.equal(await hip.locator('.readiness').getAttribute('data-ready'), 'false');
  assert.deepEqual(await hip.locator('.readiness .chip').allTextContents(), ['Consent', 'Bloods']);
  // 30 h of 36: in the last quarter.
  const hipClock = hip.locator('.card-clock');
  assert.equal(await hipClock.getAttribute('data-clock'), 'due_soon');
  assert.match(await hipClock.locator('.clock-text').textContent(), /^(5h 59m|6h 0m) left$/);

  const open_ = card(page, 'Daniel Okafor');
  assert.equal(await open_.locator('.priority').textContent(), 'Immediate');
  assert.match(await open_.locator('.readiness').textContent(), /Ready$/);
  assert.equal(await open_.locator('.card-clock').getAttribute('data-clock'), 'breached');
  assert.match(await open_.locator('.clock-text').textContent(), /^Overdue 2[45]m$/);

  const elbow = card(page, 'Priya Shah');
  assert.equal(await elbow.locator('.card-clock').getAttribute('data-clock'), 'on_track');
  assert.match(await elbow.locator('.clock-text').textContent(), /^69h \d{1,2}m left$/);
  assert.match(await elbow.locator('.readiness').textContent(), /nothing ticked|checklist not started/);
  assert.equal(await card(page, 'Tom Reid').locator('.card-clock').count(), 0, 'no deadline, no clock');

  // The colours differ by state, and overdue is the loudest.
  const colours = {};
  for (const [state, name] of [['breached', 'Daniel Okafor'], ['due_soon', 'Margaret Ellis'], ['on_track', 'Priya Shah']]) {
    colours[state] = await card(page, name).locator('.card-clock').evaluate((node) => getComputedStyle(node).backgroundColor);
  }
  assert.equal(new Set(Object.values(colours)).size, 3, JSON.stringify(colours));
  assert.equal(colours.breached, 'rgb(161, 38, 45)');
  const priorities = await page.locator('#board .priority').evaluateAll((nodes) => nodes.map((node) => getComputedStyle(node).backgroundColor));
  assert.equal(new Set(priorities).size, 4, 'one colour per priority');
  await screenshot(page, 'clinical-cards.png');
});

boardTest('the dialog ticks checklist items in one click each, and the other screen sees them', async ({ server, open }) => {
  const user = await newUser(server, 'coordinator');
  const colleague = await newUser(server, 'registrar');
  const c = await createCase(server, user.token, {
    name: 'Harold Finch', diagnosis: 'Right extracapsular hip fracture', section: 'on_list', pathway: 'hip_fracture', admitted_at: ago(20 * HOUR),
  });
  const mine = (await open()).page;
  const theirs = (await open()).page;
  await signIn(mine, server, user);
  await signIn(theirs, server, colleague);
  const theirCard = card(theirs, 'Harold Finch');
  assert.match(await theirCard.locator('.readiness').textContent(), /nothing ticked|checklist not started/);

  // The colleague has the same case open; their dialog follows too.
  await theirs.getByRole('button', { name: 'Edit Harold Finch' }).click();
  const theirDialog = theirs.locator('#case-dialog');
  await theirDialog.waitFor();

  await mine.getByRole('button', { name: 'Edit Harold Finch' }).click();
  const dialog = mine.locator('#case-dialog');
  const row = (page, item) => page.locator(`#case-dialog .item-row[data-item="${item}"]`);
  assert.equal(await row(mine, 'consent').getByRole('radio', { name: 'Pending' }).isChecked(), true);
  let patches = 0;
  mine.on('request', (request) => { if (request.method() === 'PATCH') patches += 1; });

  await row(mine, 'consent').getByText('Done', { exact: true }).click();
  await waitFor(async () => (await getCase(server, user.token, c.id)).checklist.consent === 'done', { message: 'consent saved' });
  await theirCard.locator('.readiness .chip[data-item="consent"]').waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
  await waitFor(() => row(theirs, 'consent').getByRole('radio', { name: 'Done' }).isChecked(), { timeout: LIVE_TIMEOUT_MS, message: 'their dialog shows the tick' });

  // The colleague ticks another item from their dialog: no conflict, both ticks stand.
  await row(theirs, 'anticoagulation').getByText('Not needed', { exact: true }).click();
  await waitFor(() => row(mine, 'anticoagulation').getByRole('radio', { name: 'Not needed' }).isChecked(), { timeout: LIVE_TIMEOUT_MS, message: 'my dialog shows their tick' });
  for (const item of ['site_marked', 'bloods', 'group_and_save', 'imaging', 'anaesthetic_review', 'fasting']) {
    await row(mine, item).getByText('Done', { exact: true }).click();
  }
  await card(mine, 'Harold Finch').locator('.readiness[data-ready="true"]').waitFor();
  await theirCard.locator('.readiness[data-ready="true"]').waitFor({ timeout: LIVE_TIMEOUT_MS });
  assert.equal(await dialog.locator('#case-notice').isVisible(), false, 'no "changed by someone else" for ticks');
  assert.equal(await theirDialog.locator('#case-notice').isVisible(), false);
  assert.equal(await dialog.locator('#case-error').isVisible(), false);
  const stored = await getCase(server, user.token, c.id);
  assert.equal(stored.ready, true);
  assert.deepEqual(stored.checklist, { ...checklistWith([]), anticoagulation: 'not_needed' });
  assert.equal(patches, 7, 'one request per click');
  await screenshot(mine, 'clinical-checklist.png');

  // A typed change after the ticks saves without a conflict (the ticks moved the version on).
  await dialog.getByLabel('Diagnosis').fill('Right extracapsular hip fracture — DHS');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal((await getCase(server, user.token, c.id)).diagnosis, 'Right extracapsular hip fracture — DHS');

  // The history says it in words.
  await updateCase(server, user.token, c.id, { theatre_status: 'in_theatre' });
  await mine.getByRole('button', { name: 'Edit Harold Finch' }).click();
  await dialog.getByRole('button', { name: 'History' }).click();
  const entries = mine.locator('#history-dialog .history-text');
  await mine.locator('#history-dialog .history-entry').nth(9).waitFor();
  const texts = await entries.allTextContents();
  assert.ok(texts.includes(`${user.email} — Consent: done`), texts.join('\n'));
  assert.ok(texts.includes(`${colleague.email} — Anticoagulation: not needed`), texts.join('\n'));
  assert.ok(texts.some((text) => /— Theatre status: in theatre at \d{2}:\d{2}$/.test(text)), texts.join('\n'));
  await screenshot(mine, 'clinical-history.png');
});

boardTest('the dialog sets priority, pathway and times, sent as UTC instants from the browser\'s time zone', async ({ server, open }) => {
  const user = await newUser(server);
  const names = await labels(server);
  const c = await createCase(server, user.token, { name: 'Sofia Marin', diagnosis: 'Hip fracture', section: 'new_referral' });
  // India is UTC+5:30 all year: a local time that is not the UTC one.
  const { page } = await open({ context: { timezoneId: 'Asia/Kolkata' } });
  await signIn(page, server, user);
  await page.getByRole('button', { name: 'Edit Sofia Marin' }).click();
  const dialog = page.locator('#case-dialog');
  const admitted = Math.floor((Date.now() - 10 * HOUR) / MINUTE) * MINUTE;
  const local = new Date(admitted + 5.5 * HOUR).toISOString().slice(0, 16);
  await dialog.getByLabel(names.priority, { exact: true }).selectOption('urgent');
  await dialog.getByLabel(names.pathway, { exact: true }).fill('hip_fracture');
  await dialog.getByLabel(names.admitted_at, { exact: true }).fill(local);
  await dialog.getByLabel(names.theatre_status, { exact: true }).selectOption('sent_for');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });

  const stored = await getCase(server, user.token, c.id);
  assert.equal(stored.priority, 'urgent');
  assert.equal(stored.pathway, 'hip_fracture');
  assert.equal(Date.parse(stored.admitted_at), admitted, `${local} in Kolkata is ${new Date(admitted).toISOString()}`);
  assert.equal(stored.theatre_status, 'sent_for');
  assert.equal(Date.parse(stored.due_at), admitted + HIP_FRACTURE_TARGET);
  await card(page, 'Sofia Marin').locator('.theatre-status', { hasText: 'Sent for' }).waitFor();

  // Opened again, the dialog shows the same local time; a time too far ahead is the server's 422.
  await page.getByRole('button', { name: 'Edit Sofia Marin' }).click();
  assert.equal(await dialog.getByLabel(names.admitted_at, { exact: true }).inputValue(), local);
  const tomorrow = new Date(Date.now() + 5.5 * HOUR + 24 * HOUR).toISOString().slice(0, 16);
  await dialog.getByLabel(names.decision_at, { exact: true }).fill(tomorrow);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.locator('#case-error', { hasText: 'decision_at' }).waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

boardTest('a new case is created with the items ticked in its dialog', async ({ server, open }) => {
  const user = await newUser(server);
  const names = await labels(server);
  const { page } = await open();
  await signIn(page, server, user);
  await page.getByRole('button', { name: 'Add case to New referrals' }).click();
  const dialog = page.locator('#case-dialog');
  await dialog.getByLabel('Name', { exact: true }).fill('Nina Cole');
  await dialog.getByLabel(names.priority, { exact: true }).selectOption('expedited');
  let patched = false;
  page.on('request', (request) => { if (request.method() === 'PATCH') patched = true; });
  await dialog.locator('.item-row[data-item="consent"]').getByText('Done', { exact: true }).click();
  await dialog.locator('.item-row[data-item="anticoagulation"]').getByText('Not needed', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Add case' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(patched, false, 'a new case sends its items with the rest');
  const [created] = await call(server, 'GET', '/cases/', { token: user.token }).then((r) => r.data);
  assert.equal(created.priority, 'expedited');
  assert.deepEqual(created.checklist, { ...checklistWith(ITEMS.filter((item) => item !== 'consent')), anticoagulation: 'not_needed' });
  const chips = await card(page, 'Nina Cole').locator('.readiness .chip').allTextContents();
  assert.deepEqual(chips, ['Site marked', 'Bloods', 'Group and save', 'Imaging', 'Anaesthetic review', 'Fasting']);
});

boardTest('a hip fracture crossing its 36 hours turns overdue on the open board by itself', { timeout: 90_000 }, async ({ server, open }) => {
  const user = await newUser(server);
  const dueIn = 20_000;
  const c = await createCase(server, user.token, {
    name: 'Ada Price', diagnosis: 'Left NOF fracture', section: 'new_referral', pathway: 'hip_fracture',
    admitted_at: ago(HIP_FRACTURE_TARGET - dueIn),
  });
  const dueAt = Date.parse(c.due_at);
  // Another enters the last quarter of its 36 hours (due soon) meanwhile: the page knows the
  // targets (GET /targets) and works that moment out too.
  const soon = await createCase(server, user.token, {
    name: 'Ben Soon', diagnosis: 'Right NOF fracture', section: 'on_list', pathway: 'hip_fracture',
    admitted_at: ago(HIP_FRACTURE_TARGET * 0.75 - dueIn * 0.75),
  });
  const { page } = await open();
  // The server's word on the clock is kept from this screen: what it shows is its own reckoning.
  let withheld = 0;
  await page.routeWebSocket(/\/ws/, (ws) => {
    const server_ = ws.connectToServer();
    server_.onMessage((message) => {
      if (typeof message === 'string' && JSON.parse(message).action === 'clock') { withheld += 1; return; }
      ws.send(message);
    });
  });
  let requests = 0;
  page.on('request', (request) => { if (new URL(request.url()).pathname.startsWith('/cases')) requests += 1; });
  await signIn(page, server, user);
  const clock = card(page, 'Ada Price').locator('.card-clock');
  assert.equal(await clock.getAttribute('data-clock'), 'due_soon');
  assert.equal(await card(page, 'Ben Soon').locator('.card-clock').getAttribute('data-clock'), 'on_track');
  assert.match(await clock.locator('.clock-text').textContent(), /^<1m left$/);
  await screenshot(page, 'clinical-clock-before.png', { clip: await card(page, 'Ada Price').boundingBox() });
  const before = requests;

  await clock.locator('.clock-text', { hasText: /^Overdue/ }).waitFor({ timeout: dueAt - Date.now() + CROSSING_SLACK_MS });
  assert.ok(Date.now() >= dueAt, 'not before its due time');
  assert.equal(await clock.getAttribute('data-clock'), 'breached');
  assert.equal(await card(page, 'Ada Price').getAttribute('data-clock'), 'breached');
  assert.equal(await clock.evaluate((node) => getComputedStyle(node).backgroundColor), 'rgb(161, 38, 45)');
  assert.equal(requests, before, 'no request: the page counted the time itself');
  const soonClock = card(page, 'Ben Soon').locator('.card-clock');
  assert.equal(await soonClock.getAttribute('data-clock'), 'due_soon');
  assert.equal((await getCase(server, user.token, soon.id)).clock, 'due_soon', 'as the server says');
  await screenshot(page, 'clinical-clock-after.png', { clip: await card(page, 'Ada Price').boundingBox() });
  // The server's own event came meanwhile (and was withheld here): the clock agrees with it.
  await waitFor(() => withheld > 0, { timeout: CROSSING_SLACK_MS + 5_000, message: 'the server\'s clock event' });
  assert.equal((await getCase(server, user.token, c.id)).clock, 'breached');
});

boardTest('the server\'s clock event reaches a board whose own clock has not got there', async ({ server, open }) => {
  const user = await newUser(server);
  const dueIn = 12_000; // longer than signing in takes
  await createCase(server, user.token, {
    name: 'Liam Ross', diagnosis: 'Right NOF fracture', section: 'new_referral', pathway: 'hip_fracture',
    admitted_at: ago(HIP_FRACTURE_TARGET - dueIn),
  });
  const { page } = await open();
  // This screen's clock stands still (its timers run): only the server can tell it the case is overdue.
  await page.clock.setFixedTime(Date.now());
  await signIn(page, server, user);
  const clock = card(page, 'Liam Ross').locator('.card-clock');
  assert.equal(await clock.getAttribute('data-clock'), 'due_soon');
  await clock.and(page.locator('[data-clock="breached"]')).waitFor({ timeout: dueIn + 5_000 + CROSSING_SLACK_MS });
  assert.match(await clock.locator('.clock-text').textContent(), /^Overdue/);
});

boardTest('the filters pick cases by priority, readiness and clock, and the "awaiting theatre, not ready" view', async ({ server, open }) => {
  const user = await newUser(server);
  await createCase(server, user.token, { name: 'Ready Urgent', section: 'new_referral', priority: 'urgent', checklist: checklistWith([]) });
  await createCase(server, user.token, { name: 'Waiting Urgent', section: 'new_referral', priority: 'urgent', decision_at: ago(7 * HOUR), checklist: checklistWith(['consent']) });
  await createCase(server, user.token, { name: 'Breached Hip', section: 'on_list', pathway: 'hip_fracture', admitted_at: ago(40 * HOUR), checklist: checklistWith(['bloods']) });
  await createCase(server, user.token, { name: 'In Theatre', section: 'on_list', priority: 'expedited', checklist: checklistWith(['fasting']), theatre_status: 'in_theatre' });
  const { page } = await open();
  await signIn(page, server, user);
  const shown = async () => (await page.locator('#board .card .card-open').allTextContents()).sort().join(', ');
  const expect = (names, message) => waitFor(async () => (await shown()) === names, { message });
  await expect('Breached Hip, In Theatre, Ready Urgent, Waiting Urgent', 'every case');
  assert.equal(await card(page, 'In Theatre').locator('.readiness').count(), 0, 'readiness is moot once in theatre');
  assert.match(await card(page, 'In Theatre').locator('.theatre-status').textContent(), /^In theatre$/);

  await page.locator('#filters').getByLabel('Priority').selectOption('urgent');
  await expect('Ready Urgent, Waiting Urgent', 'urgent cases');
  assert.equal(new URL(page.url()).searchParams.get('priority'), 'urgent');
  await page.locator('#filters').getByLabel('Readiness').selectOption('false');
  await expect('Waiting Urgent', 'urgent and not ready');
  await page.getByRole('button', { name: 'Clear filters' }).click();

  await page.locator('#filters').getByLabel('Clock').selectOption('breached');
  await expect('Breached Hip, Waiting Urgent', 'breached');
  await page.getByRole('button', { name: 'Clear filters' }).click();

  await page.getByLabel('Awaiting theatre, not ready').check();
  await expect('Breached Hip, Waiting Urgent', 'awaiting theatre, not ready');
  assert.equal(new URL(page.url()).searchParams.get('view'), 'awaiting');
  await screenshot(page, 'clinical-awaiting.png');
  // The view survives a reload, and a live change that makes a case ready takes it off.
  await page.reload();
  await page.locator('#board[aria-busy="false"]').waitFor();
  await expect('Breached Hip, Waiting Urgent', 'the view after a reload');
  assert.equal(await page.getByLabel('Awaiting theatre, not ready').isChecked(), true);
  const waiting = (await call(server, 'GET', '/cases/?priority=urgent&ready=false', { token: user.token })).data[0];
  await updateCase(server, user.token, waiting.id, { checklist: { consent: 'done' } });
  await expect('Breached Hip', 'the case made ready leaves the view');
});
