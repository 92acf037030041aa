// Debian's Chromium driven by playwright-core (no browser download), plus UI helpers shared by
// the tests. Every wait is bounded by the default timeouts set here.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const screenshotDir = path.resolve(here, '..', 'screenshots');
/** Failure screenshots (not committed). */
export const scratchDir = path.resolve(here, '..', 'screenshots-tmp');

export const ACTION_TIMEOUT_MS = 10_000;
export const LIVE_TIMEOUT_MS = 2_000; // "within a second", with slack for a loaded CI machine

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser context (its own sessionStorage) with a page at the ward PC's size. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport || { width: 1366, height: 768 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    ...(options.context || {}),
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(15_000);
  const page = await context.newPage();
  const problems = watchForProblems(page);
  return { context, page, problems };
}

/**
 * Collects what must never happen on the board: script errors and Content-Security-Policy
 * violations (an inline style or script that the server's CSP blocks). Expected HTTP errors
 * (a 401 after expiry, a 412) and WebSocket retries while a server restarts are not problems.
 */
function watchForProblems(page) {
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/Failed to load resource|WebSocket connection to .* failed/.test(text)) return;
    problems.push(`console error: ${text}`);
  });
  return problems;
}

export function assertNoProblems(problems) {
  assert.deepEqual(problems, [], 'the page logged errors');
}

/** Polls `fn` until it returns a truthy value, or fails after `timeout` ms. */
export async function waitFor(fn, { timeout = ACTION_TIMEOUT_MS, interval = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${message} (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Signs in through the UI and waits for the board and its live connection. */
export async function signIn(page, server, user) {
  await page.goto(server.url + (user.path || '/'));
  await page.locator('#signin-email').fill(user.email);
  await page.locator('#signin-password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.locator('#board-view').waitFor({ state: 'visible' });
  await waitForLive(page);
  await page.locator('#board[aria-busy="false"]').waitFor();
}

export async function waitForLive(page, timeout = ACTION_TIMEOUT_MS) {
  await page.locator('#live-status', { hasText: /^Live$/ }).waitFor({ timeout });
}

/** The column element of a section. */
export function column(page, section) {
  return page.locator(`.column[data-section="${section}"]`);
}

/** A card by the patient's name (exact), optionally within a section's column. */
export function card(page, name, section) {
  const scope = section ? column(page, section) : page.locator('#board');
  return scope.locator('.card').filter({ has: page.locator('.card-open', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
}

/** Names of the cards in a column, top to bottom. */
export async function namesIn(page, section) {
  return column(page, section).locator('.card .card-open').allTextContents();
}

export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Saves a screenshot of a failing test for debugging (tests/e2e/screenshots-tmp, not committed). */
export async function screenshotOnFailure(t, page) {
  if (!page || page.isClosed()) return;
  try {
    fs.mkdirSync(scratchDir, { recursive: true });
    const name = t.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
    await page.screenshot({ path: path.join(scratchDir, `${name}.png`), timeout: 5_000 });
  } catch { /* best effort */ }
}
