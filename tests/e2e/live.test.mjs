// Live updates between two browser windows, concurrent edits and reconnection.

import assert from 'node:assert/strict';
import { boardTest } from './helpers/scenario.mjs';
import { createCase, getCase, newUser, updateCase } from './helpers/api.mjs';
import { LIVE_TIMEOUT_MS, card, namesIn, signIn, waitFor, waitForLive } from './helpers/browser.mjs';

boardTest('a change in one window appears in the other without a reload', async ({ server, open }) => {
  const alice = await newUser(server, 'alice');
  const bob = await newUser(server, 'bob');
  const a = await open();
  const b = await open();
  await signIn(a.page, server, alice);
  await signIn(b.page, server, bob);
  // Anything that reloads B would clear this marker.
  await b.page.evaluate(() => { window.__noReload = true; });

  // Create in A → appears in B.
  await a.page.getByRole('button', { name: 'Add case to New referrals' }).click();
  await a.page.locator('#case-dialog').getByLabel('Name').fill('Edith Ford');
  await a.page.locator('#case-dialog').getByLabel('Diagnosis').fill('Olecranon fracture');
  await a.page.locator('#case-dialog').getByRole('button', { name: 'Add case' }).click();
  await card(b.page, 'Edith Ford', 'new_referral').waitFor({ timeout: LIVE_TIMEOUT_MS });

  // Edit in A → B shows the new outcome.
  await a.page.getByRole('button', { name: 'Edit Edith Ford' }).click();
  await a.page.locator('#case-dialog').getByLabel('Outcome').fill('Scheduled');
  await a.page.locator('#case-dialog').getByRole('button', { name: 'Save' }).click();
  await card(b.page, 'Edith Ford').locator('.outcome', { hasText: 'Scheduled' }).waitFor({ timeout: LIVE_TIMEOUT_MS });

  // Move in A → B sees it in the other column.
  await a.page.getByRole('button', { name: 'Move Edith Ford right' }).click();
  await card(b.page, 'Edith Ford', 'on_list').waitFor({ timeout: LIVE_TIMEOUT_MS });

  // Delete in A → gone from B.
  await a.page.getByRole('button', { name: 'Edit Edith Ford' }).click();
  await a.page.locator('#case-dialog').getByRole('button', { name: 'Delete…' }).click();
  await a.page.locator('#confirm-dialog').getByRole('button', { name: 'Delete case' }).click();
  await card(b.page, 'Edith Ford').waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });

  assert.equal(await b.page.evaluate(() => window.__noReload), true, 'B was never reloaded');
});

boardTest('an open dialog keeps what the user typed; a conflicting save shows the other version', async ({ server, open }) => {
  const alice = await newUser(server, 'alice');
  const bob = await newUser(server, 'bob');
  const c = await createCase(server, alice.token, { name: 'Frank Gill', diagnosis: 'Tibial plateau fracture', outcome: 'Pending', section: 'on_list' });
  const { page } = await open();
  await signIn(page, server, bob);

  await page.getByRole('button', { name: 'Edit Frank Gill' }).click();
  const dialog = page.locator('#case-dialog');
  const diagnosis = dialog.getByLabel('Diagnosis');
  await diagnosis.fill('Tibial plateau fracture, Schatzker II — CT requested');

  // Meanwhile Alice changes the outcome.
  await updateCase(server, alice.token, c.id, { outcome: 'Awaiting consent' });
  const notice = page.locator('#case-notice');
  await notice.waitFor({ timeout: LIVE_TIMEOUT_MS });
  assert.match(await notice.textContent(), /Someone else has just changed this case/);
  assert.equal(await diagnosis.inputValue(), 'Tibial plateau fracture, Schatzker II — CT requested', 'typing is kept');
  assert.equal(await dialog.getByLabel('Outcome').inputValue(), 'Pending', 'fields are not overwritten');

  // Saving with the old version: 412, and the user sees the other version.
  await dialog.getByRole('button', { name: 'Save' }).click();
  await notice.filter({ hasText: 'This case was changed by someone else' }).waitFor();
  assert.match(await notice.textContent(), /Awaiting consent/);
  assert.equal(await dialog.isVisible(), true);
  assert.equal(await diagnosis.inputValue(), 'Tibial plateau fracture, Schatzker II — CT requested');
  let stored = await getCase(server, alice.token, c.id);
  assert.equal(stored.diagnosis, 'Tibial plateau fracture', 'the stale save changed nothing');

  // Saving again applies Bob's field on top of Alice's change.
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });
  stored = await getCase(server, alice.token, c.id);
  assert.equal(stored.diagnosis, 'Tibial plateau fracture, Schatzker II — CT requested');
  assert.equal(stored.outcome, 'Awaiting consent', 'Alice’s change survives');
});

boardTest('"Use their version" replaces the form with the newer case', async ({ server, open }) => {
  const alice = await newUser(server, 'alice');
  const c = await createCase(server, alice.token, { name: 'Gina Hale', outcome: 'Pending', section: 'new_referral' });
  const { page } = await open();
  await signIn(page, server, alice);
  await page.getByRole('button', { name: 'Edit Gina Hale' }).click();
  const dialog = page.locator('#case-dialog');
  await dialog.getByLabel('Outcome').fill('Cancelled');
  await updateCase(server, alice.token, c.id, { outcome: 'Scheduled', name: 'Gina Hale-Jones' });
  await page.getByRole('button', { name: 'Use their version' }).click({ timeout: LIVE_TIMEOUT_MS });
  assert.equal(await dialog.getByLabel('Outcome').inputValue(), 'Scheduled');
  assert.equal(await dialog.getByLabel('Name').inputValue(), 'Gina Hale-Jones');
});

boardTest('the board reconnects after a server restart and catches up', { timeout: 90_000 }, async ({ server, open, restart }) => {
  const user = await newUser(server);
  await createCase(server, user.token, { name: 'Hugo Irwin', section: 'new_referral' });
  const { page } = await open();
  await signIn(page, server, user);
  await card(page, 'Hugo Irwin').waitFor();

  let restarted = null;
  restarted = await restart(async () => {
    await page.locator('#live-status', { hasText: 'Reconnecting…' }).waitFor();
  });
  // A change made while the page was away reaches it through the refetch on reconnect.
  await createCase(restarted, user.token, { name: 'Iris Jones', section: 'new_referral' });
  await waitForLive(page, 20_000);
  await card(page, 'Iris Jones', 'new_referral').waitFor({ timeout: 5_000 });
  assert.deepEqual(await namesIn(page, 'new_referral'), ['Hugo Irwin', 'Iris Jones']);
  // And live events flow again on the new connection.
  await createCase(restarted, user.token, { name: 'Jack King', section: 'on_list' });
  await card(page, 'Jack King', 'on_list').waitFor({ timeout: LIVE_TIMEOUT_MS });
  await waitFor(async () => (await page.locator('#live-status').textContent()) === 'Live', { message: 'Live' });
});
