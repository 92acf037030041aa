// Clinical fitness on the board: hospital numbers and the other clinical fields, the history
// panel, roles (the admin page, a viewer's read-only board), restore from the audit view and
// the CSV export.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { boardTest } from './helpers/scenario.mjs';
import { call, createCase, deleteCase, getCase, newUser } from './helpers/api.mjs';
import { card, column, LIVE_TIMEOUT_MS, signIn, waitFor } from './helpers/browser.mjs';

const CSV_HEADER = 'id,name,diagnosis,outcome,section,surgery_date,order_index,archived,created_at,updated_at,version,hospital_number,ward,consultant,date_of_injury,theatre_slot,notes,priority,pathway,admitted_at,decision_at,checklist,theatre_status,theatre_times,cancellations,session_id,estimated_minutes,turnaround_minutes,ready,due_at,clock';

async function setRole(server, admin, email, role) {
  const users = await call(server, 'GET', '/users', { token: admin.token });
  assert.equal(users.status, 200);
  const user = users.data.find((u) => u.email === email);
  const result = await call(server, 'PATCH', `/users/${user.id}`, { token: admin.token, body: { role } });
  assert.equal(result.status, 200, JSON.stringify(result.data));
}

/** Asserts that the board offers nothing that changes a case. */
async function assertReadOnlyBoard(page, name) {
  await card(page, name).waitFor();
  assert.equal(await page.locator('.add-case').count(), 0, 'no "Add case" buttons');
  assert.equal(await page.locator('#add-column').count(), 0, 'no "Add column"');
  assert.equal(await page.locator('.card-moves, button.move').count(), 0, 'no move buttons');
  assert.equal(await card(page, name).getAttribute('draggable'), 'false', 'cards cannot be dragged');
  assert.equal(await page.getByRole('button', { name: `Edit ${name}` }).count(), 0);
}

boardTest('the dialog edits the clinical fields, shows 422s, and the card shows the hospital number', async ({ server, open }) => {
  const user = await newUser(server);
  const c = await createCase(server, user.token, { name: 'John Smith', diagnosis: 'Hip fracture', section: 'new_referral' });
  const { page } = await open();
  await signIn(page, server, user);
  assert.equal(await card(page, 'John Smith').locator('.mrn').textContent(), 'No MRN');

  await page.getByRole('button', { name: 'Edit John Smith' }).click();
  const dialog = page.locator('#case-dialog');
  await dialog.getByLabel('Hospital number').fill('not an MRN!');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.locator('#case-error', { hasText: 'hospital_number' }).waitFor();
  assert.equal(await dialog.isVisible(), true, 'the dialog stays open on a 422');

  await dialog.getByLabel('Hospital number').fill('RX-1234');
  await dialog.getByLabel('Ward').fill('7B');
  await dialog.getByLabel('Consultant').fill('Ms Okafor');
  await dialog.getByLabel('Date of injury').fill('2026-01-02');
  await dialog.getByLabel('Theatre slot').selectOption('am');
  await dialog.getByLabel('Notes').fill('Anticoagulated: check INR.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });

  const updated = card(page, 'John Smith');
  await updated.locator('.mrn', { hasText: 'MRN RX-1234' }).waitFor();
  assert.equal(await updated.locator('.ward').textContent(), '7B');
  assert.equal(await updated.locator('.consultant').textContent(), 'Ms Okafor');
  assert.equal(await updated.locator('.theatre-slot').textContent(), 'AM');

  const stored = await getCase(server, user.token, c.id);
  assert.equal(stored.hospital_number, 'RX-1234');
  assert.equal(stored.ward, '7B');
  assert.equal(stored.consultant, 'Ms Okafor');
  assert.equal(stored.date_of_injury, '2026-01-02');
  assert.equal(stored.theatre_slot, 'am');
  assert.equal(stored.notes, 'Anticoagulated: check INR.');
  assert.equal(stored.diagnosis, 'Hip fracture');

  // Clearing the slot and the hospital number sends null.
  await page.getByRole('button', { name: 'Edit John Smith' }).click();
  assert.equal(await dialog.getByLabel('Hospital number').inputValue(), 'RX-1234');
  await dialog.getByLabel('Theatre slot').selectOption('');
  await dialog.getByLabel('Hospital number').fill('');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await updated.locator('.mrn', { hasText: 'No MRN' }).waitFor();
  const cleared = await getCase(server, user.token, c.id);
  assert.equal(cleared.theatre_slot, null);
  assert.equal(cleared.hospital_number, null);
});

boardTest('the history panel shows a move made through the board', async ({ server, open }) => {
  const user = await newUser(server);
  await createCase(server, user.token, { name: 'Ada Price', diagnosis: 'Ankle fracture', section: 'new_referral', outcome: 'Pending' });
  const { page } = await open();
  await signIn(page, server, user);

  await page.getByRole('button', { name: 'Move Ada Price right' }).click();
  await card(page, 'Ada Price', 'on_list').waitFor();
  await waitFor(async () => (await call(server, 'GET', '/cases/', { token: user.token })).data[0].section === 'on_list', { message: 'the move to be saved' });

  await page.getByRole('button', { name: 'Edit Ada Price' }).click();
  const dialog = page.locator('#case-dialog');
  await dialog.getByLabel('Outcome').fill('Scheduled');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });

  await page.getByRole('button', { name: 'Edit Ada Price' }).click();
  await dialog.getByRole('button', { name: 'History' }).click();
  const panel = page.locator('#history-dialog');
  await panel.waitFor();
  const entries = panel.locator('.history-entry');
  await waitFor(async () => (await entries.count()) === 3, { message: 'three history entries' });
  const texts = (await entries.locator('.history-text').allTextContents());
  assert.deepEqual(texts, [
    `${user.email} created this`,
    `${user.email} moved this from new_referral to on_list`,
    `${user.email} changed outcome from Pending to Scheduled`,
  ]);
  assert.match(await entries.nth(1).locator('.history-when').textContent(), /^ · \d{1,2} [A-Z][a-z]{2} \d{2}:\d{2}$/);
  await panel.getByRole('button', { name: 'Close' }).click();
  await panel.waitFor({ state: 'hidden' });
  assert.equal(await dialog.isVisible(), true, 'closing the history returns to the case');
});

boardTest('the admin page lists users and making one a viewer makes their board read-only', async ({ server, open }) => {
  const admin = await newUser(server, 'admin');
  const nurse = await newUser(server, 'nurse');
  await createCase(server, admin.token, { name: 'Ben Carter', diagnosis: 'Hip fracture', section: 'new_referral' });

  const nursePage = (await open()).page;
  await signIn(nursePage, server, nurse);
  await nursePage.getByRole('button', { name: 'Add case to New referrals' }).waitFor();
  assert.equal(await nursePage.locator('#admin-button').isVisible(), false, 'editors see no Admin link');

  const { page } = await open();
  await signIn(page, server, admin);
  await page.getByRole('button', { name: 'Admin', exact: true }).click();
  const users = page.locator('#users-body');
  await users.locator('tr', { hasText: nurse.email }).waitFor();
  await users.locator('tr', { hasText: admin.email }).waitFor();
  assert.equal(await page.getByLabel(`Role of ${admin.email}`).inputValue(), 'admin');
  assert.equal(await page.getByLabel(`Role of ${nurse.email}`).inputValue(), 'editor');

  // The last admin cannot be demoted: the server's 409 is shown and the select goes back.
  await page.getByLabel(`Role of ${admin.email}`).selectOption('editor');
  await page.locator('#users-message.error').waitFor();
  await waitFor(async () => (await page.getByLabel(`Role of ${admin.email}`).inputValue()) === 'admin', { message: 'the select to revert' });

  await page.getByLabel(`Role of ${nurse.email}`).selectOption('viewer');
  await page.locator('#users-message.success', { hasText: `${nurse.email} is now a viewer` }).waitFor();
  const list = await call(server, 'GET', '/users', { token: admin.token });
  assert.equal(list.data.find((u) => u.email === nurse.email).role, 'viewer');

  // The nurse's open board learns of the change from the 403 of its next write…
  await nursePage.getByRole('button', { name: 'Move Ben Carter right' }).click();
  await nursePage.locator('#error-banner').waitFor();
  await waitFor(async () => (await nursePage.locator('.add-case').count()) === 0, { message: 'the board to turn read-only after the 403' });
  // …and on the next load it is read-only from the start.
  await nursePage.reload();
  await nursePage.locator('#board[aria-busy="false"]').waitFor();
  await assertReadOnlyBoard(nursePage, 'Ben Carter');
  await card(nursePage, 'Ben Carter', 'new_referral').waitFor();
});

boardTest('a viewer’s board has no edit controls and stays live', async ({ server, open }) => {
  const admin = await newUser(server, 'admin');
  const viewer = await newUser(server, 'viewer');
  await setRole(server, admin, viewer.email, 'viewer');
  await createCase(server, admin.token, { name: 'Cara Dunn', diagnosis: 'Wrist fracture', section: 'on_list', hospital_number: 'RX-77' });

  const { page } = await open();
  await signIn(page, server, viewer);
  await assertReadOnlyBoard(page, 'Cara Dunn');
  assert.equal(await page.locator('#admin-button').isVisible(), false);
  assert.match(await page.locator('#user-role').textContent(), /Viewer/);

  // The case opens for reading, with its history, but nothing to save, archive or delete.
  await page.getByRole('button', { name: 'View Cara Dunn' }).click();
  const dialog = page.locator('#case-dialog');
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('Name').isDisabled(), true);
  assert.equal(await dialog.getByLabel('Hospital number').inputValue(), 'RX-77');
  const ticks = dialog.locator('.item-group input[type="radio"]');
  assert.ok(await ticks.count() > 0, 'the checklist is shown');
  assert.deepEqual([...new Set(await ticks.evaluateAll((radios) => radios.map((radio) => radio.matches(':disabled'))))], [true], 'and cannot be ticked');
  for (const label of ['Save', 'Archive', 'Delete…']) {
    assert.equal(await dialog.getByRole('button', { name: label, exact: true }).isVisible(), false, `no ${label} button`);
  }
  await dialog.getByRole('button', { name: 'History' }).click();
  await page.locator('#history-dialog .history-entry', { hasText: `${admin.email} created this` }).waitFor();
  await page.locator('#history-dialog').getByRole('button', { name: 'Close' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // Still live: a case added by someone else appears, without edit controls.
  await createCase(server, admin.token, { name: 'Dev Patel', diagnosis: 'Tibial plateau fracture', section: 'new_referral' });
  await card(page, 'Dev Patel', 'new_referral').waitFor({ timeout: LIVE_TIMEOUT_MS });
  assert.equal(await column(page, 'new_referral').locator('.card-moves').count(), 0);
});

boardTest('restore from the audit view brings a deleted case back on the board', async ({ server, open }) => {
  const admin = await newUser(server, 'admin');
  const c = await createCase(server, admin.token, { name: 'Eve Hughes', diagnosis: 'Clavicle fracture', section: 'on_list', hospital_number: 'RX-9' });
  await deleteCase(server, admin.token, c.id);

  const { page } = await open();
  await signIn(page, server, admin);
  assert.equal(await card(page, 'Eve Hughes').count(), 0);
  await page.getByRole('button', { name: 'Admin', exact: true }).click();
  await page.locator('#audit-action').selectOption('delete');
  const row = page.locator('#audit-body tr[data-action="delete"]', { hasText: 'Eve Hughes' });
  await row.waitFor();
  await waitFor(async () => (await page.locator('#audit-body tr').count()) === 1, { message: 'only delete entries' });
  await row.getByRole('button', { name: 'Restore Eve Hughes' }).click();
  await page.locator('#audit-message.success', { hasText: 'Restored “Eve Hughes”' }).waitFor();

  // A second restore of the same case is refused (409) and the message says so.
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.locator('#audit-body tr[data-action="delete"]').getByRole('button', { name: 'Restore Eve Hughes' }).click();
  await page.locator('#audit-message.error', { hasText: 'exists already' }).waitFor();

  await page.getByRole('button', { name: 'Back to the board' }).click();
  const restored = card(page, 'Eve Hughes', 'on_list');
  await restored.waitFor({ timeout: LIVE_TIMEOUT_MS });
  assert.equal(await restored.locator('.mrn').textContent(), 'MRN RX-9');
  assert.equal((await getCase(server, admin.token, c.id)).id, c.id);

  // The newest audit entries come first, with paging controls hidden for a short trail.
  await page.getByRole('button', { name: 'Admin', exact: true }).click();
  await page.locator('#audit-action').selectOption('');
  await page.locator('#audit-body tr[data-action="restore"]').first().waitFor();
  assert.equal(await page.locator('#audit-body tr').first().getAttribute('data-action'), 'restore');
  assert.equal(await page.locator('#audit-older').isVisible(), false);
});

boardTest('Export CSV downloads the cases of the current filter', async ({ server, open }) => {
  const user = await newUser(server);
  await createCase(server, user.token, { name: '=HYPERLINK("x")', diagnosis: 'Hip, left', outcome: 'Scheduled', section: 'on_list' });
  await createCase(server, user.token, { name: 'Fay Ingram', diagnosis: 'Femoral shaft', outcome: 'Scheduled', section: 'new_referral' });
  await createCase(server, user.token, { name: 'Gus Jones', diagnosis: 'Hip fracture', outcome: 'Pending', section: 'new_referral' });
  const { page } = await open();
  await signIn(page, server, user);

  const download = async () => {
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 10_000 }),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    assert.match(file.suggestedFilename(), /\.csv$/);
    return fs.readFileSync(await file.path(), 'utf8');
  };

  await page.locator('#filter-outcome').fill('Scheduled');
  await page.locator('#filter-outcome').press('Enter');
  await waitFor(async () => (await page.locator('#board .card').count()) === 2, { message: 'the filtered board' });
  let text = await download();
  let lines = text.split('\r\n').filter(Boolean);
  assert.equal(lines[0], CSV_HEADER);
  assert.equal(lines.length, 3);
  assert.ok(text.includes('Fay Ingram'));
  assert.ok(!text.includes('Gus Jones'));
  assert.ok(text.includes(`"'=HYPERLINK(""x"")"`), 'formula cells are defused');

  // Search covers name OR diagnosis: both exports are merged.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.locator('#filter-q').fill('hip');
  await waitFor(async () => (await page.locator('#board .card').count()) === 2, { message: 'the searched board' });
  text = await download();
  lines = text.split('\r\n').filter(Boolean);
  assert.equal(lines[0], CSV_HEADER);
  assert.equal(lines.length, 3);
  assert.ok(text.includes('Gus Jones') && text.includes('"Hip, left"'));
});

boardTest('the audit view pages back with "Older"', async ({ server, open }) => {
  const admin = await newUser(server, 'admin');
  for (let i = 0; i < 55; i += 1) await createCase(server, admin.token, { name: `Patient ${i}`, section: 'new_referral' });
  const { page } = await open();
  await signIn(page, server, admin);
  await page.getByRole('button', { name: 'Admin', exact: true }).click();
  const rows = page.locator('#audit-body tr');
  await waitFor(async () => (await rows.count()) === 50, { message: 'the first page of 50' });
  assert.equal(await rows.first().getAttribute('data-action'), 'login', 'newest first');
  await page.getByRole('button', { name: 'Older' }).click();
  // 55 creates and 2 sign-ins in all.
  await waitFor(async () => (await rows.count()) === 57, { message: 'the second page appended' });
  assert.equal(await rows.last().getAttribute('data-action'), 'login');
  await page.locator('#audit-older').waitFor({ state: 'hidden' });
  const ids = (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.entryId))));
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'no entry twice, newest first');
  assert.equal(new Set(ids).size, ids.length);
});
