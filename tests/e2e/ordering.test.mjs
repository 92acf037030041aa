// Ordering: drag and drop within and between columns, and the keyboard move buttons.

import assert from 'node:assert/strict';
import { boardTest } from './helpers/scenario.mjs';
import { createCase, listCases, newUser } from './helpers/api.mjs';
import { card, column, namesIn, signIn, waitFor } from './helpers/browser.mjs';

async function arrange(server) {
  const user = await newUser(server);
  for (const name of ['Alan Moss', 'Beth Nash', 'Cora Ogden']) {
    await createCase(server, user.token, { name, diagnosis: 'Fracture', section: 'new_referral' });
  }
  await createCase(server, user.token, { name: 'Dev Patel', diagnosis: 'Fracture', section: 'on_list' });
  return user;
}

/** The server's view of one section, in board order. */
async function serverOrder(server, token, section) {
  const cases = await listCases(server, token, `?section=${section}`);
  return cases.map((c) => c.name);
}

boardTest('a card dragged to another column stays there after a reload', async ({ server, open }) => {
  const user = await arrange(server);
  const { page } = await open();
  await signIn(page, server, user);

  // Drop it on the lower half of "Dev Patel" (whatever a card's height): it lands after him.
  const target = card(page, 'Dev Patel', 'on_list');
  const { height } = await target.boundingBox();
  await card(page, 'Beth Nash', 'new_referral').dragTo(target, { targetPosition: { x: 40, y: Math.round(height * 0.75) } });
  await waitFor(async () => (await namesIn(page, 'on_list')).join() === 'Dev Patel,Beth Nash', { message: 'the card in its new column' });
  assert.deepEqual(await namesIn(page, 'new_referral'), ['Alan Moss', 'Cora Ogden']);

  await waitFor(async () => (await serverOrder(server, user.token, 'on_list')).join() === 'Dev Patel,Beth Nash', { message: 'the server to store the move' });
  await page.reload();
  await card(page, 'Beth Nash', 'on_list').waitFor();
  assert.deepEqual(await namesIn(page, 'on_list'), ['Dev Patel', 'Beth Nash']);
  assert.deepEqual(await namesIn(page, 'new_referral'), ['Alan Moss', 'Cora Ogden']);

  // Both affected columns are numbered 0..n-1.
  const all = await listCases(server, user.token);
  const indexes = (section) => all.filter((c) => c.section === section).map((c) => c.order_index);
  assert.deepEqual(indexes('on_list'), [0, 1]);
  assert.deepEqual(indexes('new_referral'), [0, 1]);
});

boardTest('a card dragged within its column changes the order', async ({ server, open }) => {
  const user = await arrange(server);
  const { page } = await open();
  await signIn(page, server, user);

  // Drop "Cora Ogden" on the top part of "Alan Moss": she goes first.
  await card(page, 'Cora Ogden', 'new_referral').dragTo(card(page, 'Alan Moss', 'new_referral'), { targetPosition: { x: 40, y: 5 } });
  await waitFor(async () => (await namesIn(page, 'new_referral')).join() === 'Cora Ogden,Alan Moss,Beth Nash', { message: 'the new order' });
  await waitFor(async () => (await serverOrder(server, user.token, 'new_referral')).join() === 'Cora Ogden,Alan Moss,Beth Nash', { message: 'the server order' });
  await page.reload();
  await column(page, 'new_referral').locator('.card').first().waitFor();
  assert.deepEqual(await namesIn(page, 'new_referral'), ['Cora Ogden', 'Alan Moss', 'Beth Nash']);
});

boardTest('the move buttons reorder from the keyboard', async ({ server, open }) => {
  const user = await arrange(server);
  const { page } = await open();
  await signIn(page, server, user);

  // Focus the card by keyboard: its move buttons appear.
  await page.getByRole('button', { name: 'Edit Alan Moss' }).focus();
  const down = page.getByRole('button', { name: 'Move Alan Moss down' });
  assert.equal(await down.isVisible(), true);
  await down.focus();
  await page.keyboard.press('Enter');
  await waitFor(async () => (await namesIn(page, 'new_referral')).join() === 'Beth Nash,Alan Moss,Cora Ogden', { message: 'moved down' });
  // Focus stays on the same button, so pressing again keeps moving the same card.
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Move Alan Moss down');
  await page.keyboard.press('Enter');
  await waitFor(async () => (await namesIn(page, 'new_referral')).join() === 'Beth Nash,Cora Ogden,Alan Moss', { message: 'moved down again' });

  await page.getByRole('button', { name: 'Move Alan Moss right' }).click();
  await card(page, 'Alan Moss', 'on_list').waitFor();
  await waitFor(async () => (await serverOrder(server, user.token, 'on_list')).includes('Alan Moss'), { message: 'the server to store the move' });
  await page.reload();
  await card(page, 'Alan Moss', 'on_list').waitFor();
  assert.deepEqual(await namesIn(page, 'new_referral'), ['Beth Nash', 'Cora Ogden']);
  assert.equal(await page.getByRole('button', { name: 'Move Beth Nash up' }).isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: 'Move Beth Nash left' }).isDisabled(), true);
});
