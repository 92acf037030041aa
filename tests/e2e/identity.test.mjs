// Accounts and sessions on the board: idle sign-out on a shared PC, signing out for real (the
// server's session ends), accounts awaiting approval, the admin's "New user" and
// Deactivate/Reactivate, the directory sign-in's token in the address fragment, and changing
// one's password. Screenshots of the approval page, the idle warning and the admin page go to
// tests/e2e/screenshots/.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { boardTest } from './helpers/scenario.mjs';
import { PASSWORD, call, createCase, newUser, uniqueEmail } from './helpers/api.mjs';
import { LIVE_TIMEOUT_MS, card, screenshotDir, signIn, waitFor, waitForLive } from './helpers/browser.mjs';

const IDLE_TIMEOUT_S = 120; // the server's least: the warning comes after one minute
const ADMIN = { email: 'ward.admin@example.org', role: 'admin', password: 'break glass 2026' };
const APPROVAL_SERVER = { registration: 'approval', users: [ADMIN] };

async function screenshot(page, name) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.mouse.move(0, 0); // no hover state in the picture
  await page.screenshot({ path: path.join(screenshotDir, name), animations: 'disabled' });
}

async function login(server, email, password) {
  const result = await call(server, 'POST', '/users/login', { body: { email, password } });
  assert.equal(result.status, 200, `sign-in of ${email}: ${JSON.stringify(result.data)}`);
  return result.data.access_token;
}

async function meStatus(server, token) {
  return (await call(server, 'GET', '/users/me', { token })).status;
}

/** Waits until the server refuses a token (the board does not wait for POST /users/logout). */
async function waitForRevoked(server, token, what) {
  await waitFor(async () => (await meStatus(server, token)) === 401, { timeout: 5_000, message: `${what}: /users/me to answer 401` });
}

async function tokenOf(page) {
  return page.evaluate(() => sessionStorage.getItem('caseboard.token'));
}

async function signInToForm(page, server, email, password) {
  await page.goto(server.url);
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function userByEmail(server, adminToken, email) {
  const list = await call(server, 'GET', '/users', { token: adminToken });
  assert.equal(list.status, 200);
  const user = list.data.find((u) => u.email === email);
  assert.ok(user, `${email} is listed`);
  return user;
}

async function openAdminPage(page) {
  await page.getByRole('button', { name: 'Admin' }).click();
  await page.locator('#admin-view').waitFor();
}

boardTest('after the idle time the board warns a minute before, "Stay signed in" postpones, then it signs out', { server: { idleTimeout: IDLE_TIMEOUT_S } }, async ({ server, open }) => {
  const config = await call(server, 'GET', '/config');
  assert.equal(config.status, 200);
  assert.equal(config.data.idle_timeout, IDLE_TIMEOUT_S);
  const user = await newUser(server);
  const { page } = await open();
  // The page's clock runs on its own, and jumps when told to: minutes pass in an instant.
  await page.clock.install();
  await signIn(page, server, user);
  const token = await tokenOf(page);
  const warning = page.locator('#idle-dialog');

  await page.clock.fastForward(IDLE_TIMEOUT_S * 1000 - 62_000);
  assert.equal(await warning.isVisible(), false, 'no warning before the last minute');
  await page.clock.fastForward(3_000);
  await warning.waitFor();
  assert.match(await page.locator('#idle-countdown').textContent(), /^0:5\d$/);
  await page.locator('#idle-message', { hasText: /you will be signed out in \d+ seconds/ }).waitFor();
  assert.equal(await page.locator('#idle-message').getAttribute('aria-live'), 'assertive');
  assert.equal(await warning.getAttribute('role'), 'alertdialog');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'idle-stay', 'the button has the focus');
  await screenshot(page, 'idle-warning.png');

  await page.getByRole('button', { name: 'Stay signed in' }).click();
  await warning.waitFor({ state: 'hidden' });
  assert.equal(await meStatus(server, token), 200, 'still signed in');

  // Mouse movement is no sign of the user: it postpones nothing.
  for (let i = 0; i < 10; i += 1) await page.mouse.move(100 + i * 40, 200 + i * 20);
  await page.clock.fastForward(IDLE_TIMEOUT_S * 1000 - 62_000);
  assert.equal(await warning.isVisible(), false, '"Stay signed in" started the idle time again');
  await page.clock.fastForward(3_000);
  await warning.waitFor();
  await page.clock.fastForward(60_000);
  await page.locator('#signin-message', { hasText: `Signed out after ${IDLE_TIMEOUT_S / 60} minutes without activity` }).waitFor();
  assert.equal(await page.locator('#board-view').isVisible(), false);
  assert.equal(await warning.isVisible(), false);
  assert.equal(await tokenOf(page), null);
  assert.equal(await page.locator('#signin-email').inputValue(), '', 'the next person does not find the address');
  await waitForRevoked(server, token, 'the idle sign-out');
});

boardTest('a computer that slept past the idle time signs out as it wakes', { server: { idleTimeout: IDLE_TIMEOUT_S } }, async ({ server, open }) => {
  const user = await newUser(server);
  const { page } = await open();
  await page.clock.install();
  await signIn(page, server, user);
  const token = await tokenOf(page);
  // One jump, as after a closed lid: each timer fires at most once, late.
  await page.clock.fastForward(IDLE_TIMEOUT_S * 1000 + 30_000);
  await page.locator('#signin-message', { hasText: 'without activity' }).waitFor();
  await waitForRevoked(server, token, 'the sign-out after sleep');
});

boardTest('activity in one tab keeps the others signed in, and signing out in one signs out all', { server: { idleTimeout: IDLE_TIMEOUT_S } }, async ({ server, open }) => {
  const user = await newUser(server);
  const first = await open();
  await first.context.clock.install(); // one clock for both tabs
  const second = await first.context.newPage();
  const secondErrors = [];
  second.on('pageerror', (error) => secondErrors.push(error.message));
  await signIn(first.page, server, user);
  await signIn(second, server, user);
  const firstToken = await tokenOf(first.page);
  const secondToken = await tokenOf(second);
  assert.notEqual(firstToken, secondToken, 'two sign-ins, two sessions');

  // Twice the idle time, with a key press in the second tab every 45 s and none in the first.
  const sharedActivity = (page) => page.evaluate(() => localStorage.getItem('caseboard.lastActivity'));
  for (let elapsed = 0; elapsed < IDLE_TIMEOUT_S * 2; elapsed += 45) {
    await first.context.clock.fastForward(45_000);
    assert.equal(await first.page.locator('#idle-dialog').isVisible(), false, 'no warning in the first tab');
    await second.keyboard.press('Shift');
    // Tabs may live in different processes: the 45 s that pass here in an instant would give
    // the shared note of the key press ample time to reach the first tab.
    const pressed = await sharedActivity(second);
    await waitFor(async () => (await sharedActivity(first.page)) === pressed, { message: 'the first tab to see the activity' });
  }
  assert.equal(await first.page.locator('#board-view').isVisible(), true, 'the first tab is still signed in');

  await second.getByRole('button', { name: 'Sign out' }).click();
  await first.page.locator('#signin-message', { hasText: 'You signed out in another tab.' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  assert.equal(await tokenOf(first.page), null);
  await waitForRevoked(server, secondToken, 'the tab signed out');
  await waitForRevoked(server, firstToken, 'the other tab');
  assert.deepEqual(secondErrors, []);
});

boardTest('the Sign out button ends the session on the server', async ({ server, open }) => {
  const user = await newUser(server);
  const { page } = await open();
  await signIn(page, server, user);
  const token = await tokenOf(page);
  assert.equal(await meStatus(server, token), 200);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.locator('#signin-panel').waitFor();
  assert.equal(await tokenOf(page), null);
  await waitForRevoked(server, token, 'the sign-out');
});

boardTest('a revoked session returns the board to sign-in and does not reconnect', async ({ server, open }) => {
  const user = await newUser(server);
  const { page } = await open();
  const sockets = [];
  page.on('websocket', (socket) => sockets.push(socket));
  await signIn(page, server, user);
  const opened = sockets.length;
  // The same session ended from elsewhere (here: its token, straight to the API).
  const logout = await call(server, 'POST', '/users/logout', { token: await tokenOf(page) });
  assert.equal(logout.status, 204);
  await page.locator('#signin-message', { hasText: 'Your session has ended' }).waitFor({ timeout: 5_000 });
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  assert.equal(sockets.length, opened, 'no new WebSocket after the 1008 close');
});

boardTest('an account awaiting approval sees the approval page, then the board once it has a role', { server: APPROVAL_SERVER }, async ({ server, open }) => {
  const email = uniqueEmail('locum');
  const registered = await call(server, 'POST', '/users/register', { body: { email, password: PASSWORD } });
  assert.equal(registered.status, 201);
  const adminToken = await login(server, ADMIN.email, ADMIN.password);
  await createCase(server, adminToken, { name: 'Nora Price', diagnosis: 'Hip fracture', section: 'new_referral' });

  const { page } = await open();
  const sockets = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  await signInToForm(page, server, email, PASSWORD);
  const pending = page.locator('#pending-view');
  await pending.waitFor();
  await pending.getByRole('heading', { name: 'Awaiting approval' }).waitFor();
  assert.match(await pending.textContent(), /An administrator must give your account a role/);
  assert.equal(await page.locator('#pending-email').textContent(), email);
  assert.equal(await page.locator('#board-view').isVisible(), false);
  assert.equal(await page.locator('#user-bar').isVisible(), false);
  assert.equal(await page.locator('.card').count(), 0);
  await screenshot(page, 'awaiting-approval.png');

  // Asking again changes nothing while there is no role.
  await page.getByRole('button', { name: 'Check again' }).click();
  await page.locator('#pending-status', { hasText: 'still awaiting approval' }).waitFor();
  assert.deepEqual(sockets, [], 'no live connection for an account awaiting approval');

  const user = await userByEmail(server, adminToken, email);
  assert.equal(user.role, 'pending');
  const approved = await call(server, 'PATCH', `/users/${user.id}`, { token: adminToken, body: { role: 'editor' } });
  assert.equal(approved.status, 200);
  await page.reload();
  await page.locator('#board-view').waitFor();
  await waitForLive(page);
  await card(page, 'Nora Price', 'new_referral').waitFor();
  assert.equal(await pending.isVisible(), false);

  // Set back to pending while the board is open: the server closes the socket (1008) and the
  // board gives way to the approval page, without a reconnection loop.
  const back = await call(server, 'PATCH', `/users/${user.id}`, { token: adminToken, body: { role: 'pending' } });
  assert.equal(back.status, 200);
  await pending.waitFor({ timeout: 5_000 });
  assert.equal(await page.locator('#board-view').isVisible(), false);
  assert.equal(await page.locator('.card').count(), 0, 'nothing of the board is left in the page');

  // Approved again: "Check again" opens the board without a reload.
  await page.evaluate(() => { window.__noReload = true; });
  assert.equal((await call(server, 'PATCH', `/users/${user.id}`, { token: adminToken, body: { role: 'viewer' } })).status, 200);
  await page.getByRole('button', { name: 'Check again' }).click();
  await page.locator('#board-view').waitFor();
  await waitForLive(page);
  await card(page, 'Nora Price', 'new_referral').waitFor();
  assert.equal(await page.locator('#user-role').textContent(), 'Viewer (read only)');
  assert.equal(await page.evaluate(() => window.__noReload), true);
});

boardTest('the admin page lists accounts awaiting approval first and approves them', { server: APPROVAL_SERVER }, async ({ server, open }) => {
  const waiting = uniqueEmail('waiting');
  for (const email of [waiting, uniqueEmail('second')]) {
    assert.equal((await call(server, 'POST', '/users/register', { body: { email, password: PASSWORD } })).status, 201);
  }
  const adminToken = await login(server, ADMIN.email, ADMIN.password);
  const editor = uniqueEmail('editor');
  assert.equal((await call(server, 'POST', '/users', { token: adminToken, body: { email: editor, role: 'editor' } })).status, 201);
  const { page } = await open();
  await signIn(page, server, ADMIN);
  await openAdminPage(page);
  const rows = page.locator('#users-body tr');
  await rows.nth(3).waitFor();
  const order = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('.status-badge').textContent));
  assert.deepEqual(order, ['Awaiting approval', 'Awaiting approval', 'Active', 'Active']);
  assert.match(await page.locator('#users-pending-count').textContent(), /2 accounts await approval/);
  await screenshot(page, 'admin-users.png');

  await page.getByLabel(`Approve ${waiting} as`).selectOption('viewer');
  await page.locator('#users-message', { hasText: `${waiting} is now a viewer.` }).waitFor();
  assert.equal(await page.getByLabel(`Role of ${waiting}`).inputValue(), 'viewer');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), `Role of ${waiting}`, 'the focus follows the row');
  assert.equal((await userByEmail(server, adminToken, waiting)).role, 'viewer');
  assert.match(await page.locator('#users-pending-count').textContent(), /1 account awaits approval/);
});

boardTest('an admin creates a user; the one-time password is shown once and signs in', async ({ server, open }) => {
  const admin = await newUser(server, 'admin'); // the first account of an open board is its admin
  const { page } = await open({ context: { permissions: ['clipboard-read', 'clipboard-write'] } });
  await signIn(page, server, admin);
  await openAdminPage(page);
  const email = uniqueEmail('new.starter');
  const form = page.locator('#new-user-form');
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('Role').selectOption('viewer');
  await page.getByRole('button', { name: 'Create user' }).click();

  const dialog = page.getByRole('dialog', { name: 'Account created' });
  await dialog.waitFor();
  assert.equal(await page.locator('#otp-email').textContent(), email);
  assert.match(await dialog.textContent(), /will not be shown again/);
  const password = await dialog.getByLabel('One-time password').inputValue();
  assert.ok(password.length >= 8, 'a password is shown');
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await page.locator('#otp-copy-status', { hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), password);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.locator('#otp-value').inputValue(), '', 'the password is gone from the page');
  assert.equal(await page.getByLabel(`Role of ${email}`).inputValue(), 'viewer');

  const token = await login(server, email, password);
  const me = await call(server, 'GET', '/users/me', { token });
  assert.equal(me.data.role, 'viewer');
  assert.equal(me.data.active, true);

  // The same address again: the server's refusal is shown.
  await form.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.locator('#new-user-message', { hasText: `Could not create ${email}` }).waitFor();
});

boardTest('deactivating a user in the admin page closes their open board at once', async ({ server, open }) => {
  const admin = await newUser(server, 'admin');
  const nurse = await newUser(server, 'nurse');
  const nursePage = (await open()).page;
  await signIn(nursePage, server, nurse);
  const { page } = await open();
  await signIn(page, server, admin);
  await openAdminPage(page);
  const row = page.locator('#users-body tr', { hasText: nurse.email });
  await row.waitFor();
  assert.equal(await page.getByRole('button', { name: `Deactivate ${admin.email}` }).count(), 0, 'no way to deactivate oneself');

  // A refusal (the server's 409, as for the last active admin) is shown and changes nothing.
  await page.route('**/users/*', (route) => (route.request().method() === 'PATCH'
    ? route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ detail: 'The last active admin cannot be deactivated' }) })
    : route.fallback()));
  await page.getByRole('button', { name: `Deactivate ${nurse.email}` }).click();
  await page.locator('#confirm-dialog').getByRole('button', { name: 'Deactivate' }).click();
  await page.locator('#users-message', { hasText: 'The last active admin cannot be deactivated' }).waitFor();
  assert.equal(await row.locator('.status-badge').textContent(), 'Active');
  await page.unrouteAll();

  // Cancelling the confirmation changes nothing either.
  await page.getByRole('button', { name: `Deactivate ${nurse.email}` }).click();
  await page.locator('#confirm-dialog').getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await row.locator('.status-badge').textContent(), 'Active');

  await page.getByRole('button', { name: `Deactivate ${nurse.email}` }).click();
  await page.locator('#confirm-dialog').getByRole('button', { name: 'Deactivate' }).click();
  await row.locator('.status-badge', { hasText: 'Deactivated' }).waitFor();
  await nursePage.locator('#signin-message', { hasText: 'Your session has ended' }).waitFor({ timeout: 5_000 });
  assert.equal(await nursePage.locator('#board-view').isVisible(), false);
  assert.notEqual((await call(server, 'POST', '/users/login', { body: { email: nurse.email, password: nurse.password } })).status, 200);

  await page.getByRole('button', { name: `Reactivate ${nurse.email}` }).click();
  await page.locator('#confirm-dialog').getByRole('button', { name: 'Reactivate' }).click();
  await row.locator('.status-badge', { hasText: 'Active' }).waitFor();
  await login(server, nurse.email, nurse.password);
});

boardTest('a directory sign-in’s token in the address fragment signs in and leaves the address', async ({ server, open }) => {
  const user = await newUser(server);
  const { page } = await open();
  await page.goto(`${server.url}/#access_token=${encodeURIComponent(user.token)}`);
  await page.locator('#board-view').waitFor();
  await waitForLive(page);
  assert.equal(await page.locator('#user-email').textContent(), user.email);
  assert.equal(page.url(), `${server.url}/`);
  assert.equal(await page.evaluate(() => window.location.hash), '');
  assert.equal(await tokenOf(page), user.token);
});

boardTest('the organisation account button appears when the server offers it and goes to the directory', async ({ server, open }) => {
  const { page } = await open();
  await page.goto(server.url);
  await page.locator('#signin-form').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Sign in with your organisation account' }).isVisible(), false, 'not offered by a password-only server');

  // A server with a directory configured, as far as the board can tell.
  await page.route('**/config', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ idle_timeout: 1800, sign_in: ['password', 'oidc'] }) }));
  await page.route('**/auth/oidc/login', (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'directory' }));
  await page.reload();
  const button = page.getByRole('button', { name: 'Sign in with your organisation account' });
  await button.waitFor();
  await button.click();
  await page.waitForURL(`${server.url}/auth/oidc/login`);
});

boardTest('the Change password dialog checks, shows the server’s refusal, and signs out other sessions', async ({ server, open }) => {
  const user = await newUser(server);
  const otherSession = await login(server, user.email, user.password);
  const { page } = await open();
  await signIn(page, server, user);
  await page.getByRole('button', { name: 'Change password' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change password' });
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'password-current');
  const error = page.locator('#password-error');

  await dialog.getByLabel('Current password').fill(user.password);
  await dialog.getByLabel(/^New password/).fill('short');
  await dialog.getByLabel('Repeat the new password').fill('short');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await error.filter({ hasText: 'at least 8 characters' }).waitFor();

  await dialog.getByLabel(/^New password/).fill('a longer new password');
  await dialog.getByLabel('Repeat the new password').fill('a longer new passwort');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await error.filter({ hasText: 'do not match' }).waitFor();

  await dialog.getByLabel('Current password').fill('not my password');
  await dialog.getByLabel('Repeat the new password').fill('a longer new password');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await waitFor(async () => {
    const text = (await error.textContent()).trim();
    return text && !/do not match/.test(text);
  }, { message: 'the server’s refusal' });
  assert.equal(await page.locator('#board-view').isVisible(), true, 'a wrong current password does not sign out');
  assert.equal(await meStatus(server, otherSession), 200);

  await dialog.getByLabel('Current password').fill(user.password);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await page.locator('#password-done', { hasText: 'other sessions' }).waitFor();
  assert.equal(await error.isVisible(), false);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });

  assert.equal(await meStatus(server, await tokenOf(page)), 200, 'this session goes on');
  await waitForRevoked(server, otherSession, 'the other session');
  await login(server, user.email, 'a longer new password');
  assert.equal((await call(server, 'POST', '/users/login', { body: { email: user.email, password: user.password } })).status, 401);
  await waitForLive(page);
});
