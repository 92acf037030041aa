// Creating, editing, archiving and deleting cases through the board.

import assert from 'node:assert/strict';
import { boardTest } from './helpers/scenario.mjs';
import { createCase, getCase, isoDay, listCases, newUser } from './helpers/api.mjs';
import { card, column, signIn } from './helpers/browser.mjs';

boardTest('a case created from a column appears on the board', async ({ server, open }) => {
  const user = await newUser(server);
  const { page } = await open();
  await signIn(page, server, user);

  await page.getByRole('button', { name: 'Add case to New referrals' }).click();
  const dialog = page.locator('#case-dialog');
  await dialog.waitFor();
  await dialog.getByLabel('Name').fill('Margaret Ellis');
  await dialog.getByLabel('Diagnosis').fill('Left intracapsular neck of femur fracture');
  await dialog.getByLabel('Outcome').fill('Pending');
  await dialog.getByLabel('Surgery date').fill('2031-03-14');
  await dialog.getByRole('button', { name: 'Add case' }).click();
  await dialog.waitFor({ state: 'hidden' });

  const created = card(page, 'Margaret Ellis', 'new_referral');
  await created.waitFor();
  assert.match(await created.textContent(), /Left intracapsular neck of femur fracture/);
  assert.equal(await created.locator('.outcome').textContent(), 'Pending');
  assert.equal(await created.locator('.surgery-date').textContent(), 'Fri 14 Mar 2031');

  const [stored] = await listCases(server, user.token);
  assert.equal(stored.name, 'Margaret Ellis');
  assert.equal(stored.section, 'new_referral');
  assert.equal(stored.surgery_date, '2031-03-14');
});

boardTest('a case is edited in the dialog and the change persists', async ({ server, open }) => {
  const user = await newUser(server);
  const c = await createCase(server, user.token, { name: 'Tom Baker', diagnosis: 'Distal radius fracture', outcome: 'Pending', section: 'new_referral' });
  const { page } = await open();
  await signIn(page, server, user);

  await page.getByRole('button', { name: 'Edit Tom Baker' }).click();
  const dialog = page.locator('#case-dialog');
  await dialog.getByLabel('Outcome').fill('Scheduled');
  await dialog.getByLabel('Surgery date').fill(isoDay(1));
  await dialog.getByLabel('Section').selectOption('on_list');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });

  const moved = card(page, 'Tom Baker', 'on_list');
  await moved.waitFor();
  assert.equal(await moved.locator('.outcome').textContent(), 'Scheduled');

  const stored = await getCase(server, user.token, c.id);
  assert.equal(stored.outcome, 'Scheduled');
  assert.equal(stored.section, 'on_list');
  assert.equal(stored.surgery_date, isoDay(1));
  assert.equal(stored.diagnosis, 'Distal radius fracture', 'fields the user did not touch are not sent');

  await page.reload();
  await card(page, 'Tom Baker', 'on_list').waitFor();
});

boardTest('archiving hides a case and "Show archived" brings it back', async ({ server, open }) => {
  const user = await newUser(server);
  await createCase(server, user.token, { name: 'Ada Price', diagnosis: 'Ankle fracture', section: 'on_list' });
  await createCase(server, user.token, { name: 'Ben Carter', diagnosis: 'Hip fracture', section: 'on_list' });
  const { page } = await open();
  await signIn(page, server, user);

  await page.getByRole('button', { name: 'Edit Ada Price' }).click();
  await page.locator('#case-dialog').getByRole('button', { name: 'Archive' }).click();
  await card(page, 'Ada Price').waitFor({ state: 'detached' });
  await card(page, 'Ben Carter', 'on_list').waitFor();

  await page.getByLabel('Show archived').check();
  const archived = card(page, 'Ada Price', 'on_list');
  await archived.waitFor();
  assert.equal(await archived.locator('.badge-archived').textContent(), 'Archived');
  await card(page, 'Ben Carter', 'on_list').waitFor(); // active cases stay visible too
  assert.match(page.url(), /archived=true/);

  // The view is bookmarkable: a reload keeps "Show archived".
  await page.reload();
  await archived.waitFor();
  assert.equal(await page.getByLabel('Show archived').isChecked(), true);

  await page.getByRole('button', { name: 'Edit Ada Price' }).click();
  await page.locator('#case-dialog').getByRole('button', { name: 'Unarchive' }).click();
  await page.getByLabel('Show archived').uncheck();
  await card(page, 'Ada Price', 'on_list').waitFor();
  assert.equal(await card(page, 'Ada Price').locator('.badge-archived').count(), 0);
});

boardTest('deleting asks for confirmation first', async ({ server, open }) => {
  const user = await newUser(server);
  await createCase(server, user.token, { name: 'Carl Dunn', section: 'new_referral' });
  const { page } = await open();
  await signIn(page, server, user);

  await page.getByRole('button', { name: 'Edit Carl Dunn' }).click();
  await page.locator('#case-dialog').getByRole('button', { name: 'Delete…' }).click();
  const confirm = page.locator('#confirm-dialog');
  await confirm.waitFor();
  assert.match(await confirm.textContent(), /Carl Dunn/);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await listCases(server, user.token)).length, 1, 'cancel keeps the case');

  await page.locator('#case-dialog').getByRole('button', { name: 'Delete…' }).click();
  await confirm.getByRole('button', { name: 'Delete case' }).click();
  await page.locator('#case-dialog').waitFor({ state: 'hidden' });
  await card(page, 'Carl Dunn').waitFor({ state: 'detached' });
  assert.equal(await column(page, 'new_referral').locator('.empty').textContent(), 'No cases in this section');
  assert.deepEqual(await listCases(server, user.token), []);
});

boardTest('a column can be added and receives cases', async ({ server, open }) => {
  const user = await newUser(server);
  const { page } = await open();
  await signIn(page, server, user);

  await page.getByRole('button', { name: '+ Add column' }).click();
  await page.getByLabel('Column name').fill('Awaiting imaging');
  await page.locator('#column-dialog').getByRole('button', { name: 'Add column' }).click();
  const added = column(page, 'awaiting_imaging');
  await added.waitFor();
  assert.equal(await added.locator('.column-title > span:first-child').textContent(), 'Awaiting imaging');

  await page.getByRole('button', { name: 'Add case to Awaiting imaging' }).click();
  await page.locator('#case-dialog').getByLabel('Name').fill('Dora Evans');
  await page.locator('#case-dialog').getByRole('button', { name: 'Add case' }).click();
  await card(page, 'Dora Evans', 'awaiting_imaging').waitFor();
  const [stored] = await listCases(server, user.token);
  assert.equal(stored.section, 'awaiting_imaging');
});

boardTest('an API validation error is shown as text', async ({ server, open }) => {
  const user = await newUser(server);
  const { page } = await open();
  await signIn(page, server, user);

  await page.getByRole('button', { name: 'Add case to New referrals' }).click();
  const dialog = page.locator('#case-dialog');
  // 201 characters: the input's maxlength stops typing, so set the value the way a paste
  // through a script would, to reach the server's own check.
  await dialog.getByLabel('Name').evaluate((input) => { input.removeAttribute('maxlength'); input.value = 'x'.repeat(201); });
  await dialog.getByRole('button', { name: 'Add case' }).click();
  const error = page.locator('#case-error');
  await error.waitFor();
  assert.match(await error.textContent(), /name/i);
  assert.equal(await dialog.isVisible(), true, 'the dialog stays open so that nothing typed is lost');
});

boardTest('Escape asks before throwing away typed changes', async ({ server, open }) => {
  const user = await newUser(server);
  await createCase(server, user.token, { name: 'Eve Frost', section: 'new_referral' });
  const { page } = await open();
  await signIn(page, server, user);

  await page.getByRole('button', { name: 'Edit Eve Frost' }).click();
  const dialog = page.locator('#case-dialog');
  await dialog.getByLabel('Diagnosis').fill('Scaphoid fracture');
  await page.keyboard.press('Escape');
  const confirm = page.locator('#confirm-dialog');
  await confirm.waitFor();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await dialog.isVisible(), true);
  assert.equal(await dialog.getByLabel('Diagnosis').inputValue(), 'Scaphoid fracture');

  await page.keyboard.press('Escape');
  await confirm.getByRole('button', { name: 'Discard changes' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal((await listCases(server, user.token))[0].diagnosis, '');
});
