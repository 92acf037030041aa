// User-supplied text is always rendered as text.

import assert from 'node:assert/strict';
import { boardTest } from './helpers/scenario.mjs';
import { createCase, newUser } from './helpers/api.mjs';
import { LIVE_TIMEOUT_MS, signIn } from './helpers/browser.mjs';

const NAME = '<img src=x onerror=window.__xss=1>';
const DIAGNOSIS = '<script>window.__xss=2</script><b>bold?</b>';

boardTest('an <img onerror> name is shown as text and never runs', async ({ server, open }) => {
  const user = await newUser(server);
  const { page } = await open();
  await signIn(page, server, user);

  await page.getByRole('button', { name: 'Add case to New referrals' }).click();
  await page.locator('#case-dialog').getByLabel('Name').fill(NAME);
  await page.locator('#case-dialog').getByLabel('Diagnosis').fill(DIAGNOSIS);
  await page.locator('#case-dialog').getByRole('button', { name: 'Add case' }).click();

  const created = page.locator('#board .card').first();
  await created.waitFor();
  assert.equal(await created.locator('.card-open').textContent(), NAME);
  assert.equal(await created.locator('.card-diagnosis').textContent(), DIAGNOSIS);
  assert.equal(await page.locator('#board img, #board script, #board b, #print-view img, #print-view b').count(), 0);

  // The same text arriving over the WebSocket in another window, and in the print view.
  const other = await open();
  await signIn(other.page, server, user);
  await createCase(server, user.token, { name: `${NAME} (2)`, section: 'on_list' });
  const live = other.page.locator('.column[data-section="on_list"] .card-open');
  await live.waitFor({ timeout: LIVE_TIMEOUT_MS });
  assert.equal(await live.textContent(), `${NAME} (2)`);
  assert.equal(await other.page.locator('#print-view td.patient .name').first().textContent(), NAME);

  // Open the dialog too: field values, not markup.
  await page.locator('#board .card-open').first().click();
  assert.equal(await page.locator('#case-dialog').getByLabel('Name').inputValue(), NAME);

  for (const p of [page, other.page]) {
    assert.equal(await p.evaluate(() => window.__xss), undefined);
    assert.equal(await p.locator('img[src="x"]').count(), 0);
  }
});
