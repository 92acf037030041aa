// The filters bar: through the API's query parameters, reflected in the URL.

import assert from 'node:assert/strict';
import { boardTest } from './helpers/scenario.mjs';
import { createCase, newUser, updateCase } from './helpers/api.mjs';
import { LIVE_TIMEOUT_MS, card, signIn, waitFor } from './helpers/browser.mjs';

async function arrange(server) {
  const user = await newUser(server);
  const cases = {};
  const add = async (fields) => { cases[fields.name] = await createCase(server, user.token, fields); };
  await add({ name: 'Alice Smith', diagnosis: 'Hip fracture', outcome: 'Scheduled', section: 'on_list', surgery_date: '2031-05-02' });
  await add({ name: 'Bob Jones', diagnosis: 'Wrist fracture', outcome: 'Pending', section: 'new_referral', surgery_date: '2031-05-09' });
  await add({ name: 'Carol Hipwell', diagnosis: 'Ankle fracture', outcome: 'Scheduled', section: 'on_list', surgery_date: '2031-05-20' });
  await add({ name: 'Dan Lowe', diagnosis: 'Clavicle fracture', outcome: 'Pending', section: 'new_referral' });
  return { user, cases };
}

async function visibleNames(page) {
  return (await page.locator('#board .card .card-open').allTextContents()).sort();
}

boardTest('text search matches name or diagnosis and survives a reload', async ({ server, open }) => {
  const { user } = await arrange(server);
  const { page } = await open();
  await signIn(page, server, user);

  await page.locator('#filters').getByLabel('Search').fill('hip');
  await waitFor(async () => (await visibleNames(page)).join() === 'Alice Smith,Carol Hipwell', { message: 'search results' });
  assert.match(page.url(), /[?&]q=hip(&|$)/);

  await page.reload();
  await waitFor(async () => (await visibleNames(page)).join() === 'Alice Smith,Carol Hipwell', { message: 'results after reload' });
  assert.equal(await page.locator('#filters').getByLabel('Search').inputValue(), 'hip');

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await waitFor(async () => (await visibleNames(page)).length === 4, { message: 'all cases again' });
  assert.doesNotMatch(page.url(), /\?/);
});

boardTest('outcome and surgery date range filter the board; live events respect them', async ({ server, open }) => {
  const { user, cases } = await arrange(server);
  const { page } = await open();
  await signIn(page, server, user);

  await page.locator('#filters').getByLabel('Outcome').fill('Scheduled');
  await page.locator('#filters').getByLabel('Outcome').press('Enter');
  await waitFor(async () => (await visibleNames(page)).join() === 'Alice Smith,Carol Hipwell', { message: 'outcome filter' });

  await page.locator('#filters').getByLabel('Surgery from').fill('2031-05-01');
  await page.locator('#filters').getByLabel('Surgery to').fill('2031-05-10');
  await waitFor(async () => (await visibleNames(page)).join() === 'Alice Smith', { message: 'date range' });
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('outcome'), 'Scheduled');
  assert.equal(url.searchParams.get('surgery_date_from'), '2031-05-01');
  assert.equal(url.searchParams.get('surgery_date_to'), '2031-05-10');

  // A bookmarked view opens as it was left.
  const { page: second } = await open();
  await signIn(second, server, { ...user, path: url.pathname + url.search });
  await waitFor(async () => (await visibleNames(second)).join() === 'Alice Smith', { message: 'bookmarked view' });
  assert.equal(await second.locator('#filters').getByLabel('Outcome').inputValue(), 'Scheduled');

  // Someone else schedules Bob inside the range: he joins the filtered view live.
  await updateCase(server, user.token, cases['Bob Jones'].id, { outcome: 'Scheduled' });
  await card(page, 'Bob Jones').waitFor({ timeout: LIVE_TIMEOUT_MS });
  // And a case that stops matching leaves it.
  await updateCase(server, user.token, cases['Alice Smith'].id, { outcome: 'Cancelled' });
  await card(page, 'Alice Smith').waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
});
