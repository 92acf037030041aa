// Signing in with the hospital's directory through the board: the organisation account button,
// a real OpenID provider (tests/oidc/provider.mjs), the server's callback, and the board taking
// its token from the address fragment without leaving it in the address.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before } from 'node:test';
import { boardTest } from './helpers/scenario.mjs';
import { call } from './helpers/api.mjs';
import { waitFor, waitForLive } from './helpers/browser.mjs';
import { freePort, oidcServerOptions, startProvider, tempDir } from './helpers/oidc.mjs';

let provider = null;
let secretDir = null;

before(async () => {
  provider = await startProvider();
  secretDir = tempDir();
});

after(async () => {
  if (provider) await provider.stop();
  if (secretDir) fs.rmSync(secretDir, { recursive: true, force: true });
});

const DIRECTORY_SERVER = {
  server: async () => oidcServerOptions(provider, await freePort(), secretDir, ['editor=caseboard-editors', 'admin=caseboard-admins']),
};

/** The provider's login step, as its test page asks: POST login=<account>, with its cookies. */
async function signInAtProvider(page, account) {
  await page.waitForURL(/\/interaction\/[^/]+$/);
  const answer = await page.context().request.post(`${page.url()}/login`, { form: { login: account }, maxRedirects: 0 });
  assert.equal(answer.status(), 303, await answer.text());
  await page.goto(new URL(answer.headers().location, page.url()).href);
}

boardTest('the organisation account button signs in through the directory and leaves no token in the address', DIRECTORY_SERVER, async ({ server, open }) => {
  const { page } = await open();
  await page.goto(server.url);
  const button = page.getByRole('button', { name: 'Sign in with your organisation account' });
  await button.waitFor();
  await button.click();
  await signInAtProvider(page, 'nurse');

  await page.locator('#board-view').waitFor();
  await waitForLive(page);
  assert.equal(await page.locator('#user-email').textContent(), 'nurse@hospital.test');
  assert.equal(await page.locator('#user-role').textContent(), 'editor');
  assert.equal(page.url(), `${server.url}/`, 'no fragment left in the address');
  const token = await page.evaluate(() => sessionStorage.getItem('caseboard.token'));
  assert.ok(token);
  assert.equal((await call(server, 'GET', '/users/me', { token })).data.source, 'oidc');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.locator('#signin-panel').waitFor();
  await waitFor(async () => (await call(server, 'GET', '/users/me', { token })).status === 401, { timeout: 5_000, message: 'the directory session to end' });
});
