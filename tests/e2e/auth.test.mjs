// Registration, sign-in, sign-out and an expired session.

import assert from 'node:assert/strict';
import { boardTest } from './helpers/scenario.mjs';
import { newUser, uniqueEmail, PASSWORD } from './helpers/api.mjs';
import { signIn, waitForLive } from './helpers/browser.mjs';

boardTest('a new user registers, signs out and signs in again', async ({ server, open }) => {
  const { page } = await open();
  const email = uniqueEmail('registrar');
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Create an account' }).click();
  const form = page.locator('#register-panel');
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel(/^Password/).fill(PASSWORD);
  await form.getByLabel('Repeat the password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Create account' }).click();

  await page.locator('#board-view').waitFor();
  await waitForLive(page);
  assert.equal(await page.locator('#user-email').textContent(), email);
  // The fixed sections are there even on an empty board, with their empty state.
  assert.deepEqual(await page.locator('.column-title > span:first-child').allTextContents(), ['New referrals', 'On the list']);
  assert.equal(await page.locator('.column[data-section="new_referral"] .empty').textContent(), 'No cases in this section');
  // The token lives in sessionStorage only: no cookie.
  assert.ok(await page.evaluate(() => sessionStorage.getItem('caseboard.token')));
  assert.deepEqual(await page.context().cookies(), []);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.locator('#signin-panel').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('caseboard.token')), null);

  await signIn(page, server, { email, password: PASSWORD });
  assert.equal(await page.locator('#user-email').textContent(), email);
});

boardTest('a wrong password is refused with the server’s message', async ({ server, open }) => {
  const user = await newUser(server);
  const { page } = await open();
  await page.goto(server.url);
  await page.locator('#signin-email').fill(user.email);
  await page.locator('#signin-password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const message = page.locator('#signin-message');
  await message.waitFor();
  assert.ok((await message.textContent()).trim().length > 0);
  assert.equal(await page.locator('#board-view').isVisible(), false);
});

boardTest('registering an e-mail twice shows the conflict', async ({ server, open }) => {
  const user = await newUser(server);
  const { page } = await open();
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Create an account' }).click();
  const form = page.locator('#register-panel');
  await form.getByLabel('E-mail').fill(user.email);
  await form.getByLabel(/^Password/).fill(PASSWORD);
  await form.getByLabel('Repeat the password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Create account' }).click();
  const message = page.locator('#register-message');
  await message.waitFor();
  assert.ok((await message.textContent()).trim().length > 0);
});

boardTest('an expired token returns to sign-in with a clear message', { server: { tokenTtl: 2 } }, async ({ server, open }) => {
  const user = await newUser(server);
  const { page } = await open();
  await signIn(page, server, user);
  // The token lives 2 s; the board must notice on its own (no click needed).
  const message = page.locator('#signin-message');
  await message.waitFor({ timeout: 10_000 });
  assert.match(await message.textContent(), /Your session has expired — please sign in again/);
  assert.equal(await page.locator('#board-view').isVisible(), false);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('caseboard.token')), null);
});
