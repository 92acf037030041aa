// The print view, the board's screenshots (tests/e2e/screenshots/, used by README) and the
// layout on a ward PC (1366×768) and a tablet.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { boardTest } from './helpers/scenario.mjs';
import { createCase, isoDay, newUser } from './helpers/api.mjs';
import { namesIn, screenshotDir, signIn } from './helpers/browser.mjs';

/** A realistic morning list: 8 cases in 3 sections. */
const MORNING_LIST = [
  { section: 'new_referral', name: 'Margaret Ellis', diagnosis: 'Left intracapsular neck of femur fracture after a fall at home', outcome: 'Pending', surgery_date: null },
  { section: 'new_referral', name: 'Daniel Okafor', diagnosis: 'Open right tibial shaft fracture (Gustilo II), IV antibiotics given', outcome: 'Awaiting consent', surgery_date: isoDay(0) },
  { section: 'new_referral', name: 'Priya Shah', diagnosis: 'Displaced supracondylar humerus fracture, neurovascularly intact', outcome: 'Pending', surgery_date: isoDay(0) },
  { section: 'on_list', name: 'Harold Finch', diagnosis: 'Right extracapsular hip fracture — DHS', outcome: 'Scheduled', surgery_date: isoDay(0) },
  { section: 'on_list', name: 'Sofia Marin', diagnosis: 'Trimalleolar ankle fracture, swelling settled', outcome: 'Scheduled', surgery_date: isoDay(0) },
  { section: 'on_list', name: 'George Whitaker', diagnosis: 'Periprosthetic femoral fracture (Vancouver B2)', outcome: 'Awaiting imaging', surgery_date: isoDay(1) },
  { section: 'post_op', name: 'Aisha Rahman', diagnosis: 'Distal radius ORIF — day 1 review, check X-ray', outcome: 'Operated', surgery_date: isoDay(-1) },
  { section: 'post_op', name: 'Liam O’Connor', diagnosis: 'Washout of septic right knee — repeat CRP', outcome: 'Operated', surgery_date: isoDay(-1) },
];

async function arrangeMorningList(server) {
  const user = await newUser(server, 'trauma.registrar@example.org');
  for (const fields of MORNING_LIST) await createCase(server, user.token, fields);
  return user;
}

boardTest('the board at 1366×768 and the print view (screenshots)', async ({ server, open }) => {
  const user = await arrangeMorningList(server);
  const { page } = await open({ viewport: { width: 1366, height: 768 } });
  await signIn(page, server, user);
  assert.deepEqual(await page.locator('.column-title > span:first-child').allTextContents(), ['New referrals', 'On the list', 'Post-op']);
  assert.deepEqual(await namesIn(page, 'on_list'), ['Harold Finch', 'Sofia Marin', 'George Whitaker']);

  // Every column fits on the ward PC's screen: no horizontal scrolling of the page.
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.equal(fits, true);

  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.mouse.move(0, 0); // no hover state in the picture
  await page.screenshot({ path: path.join(screenshotDir, 'board.png'), animations: 'disabled' });

  // Print: only the list, sections in board order, cases in order, with dates.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#print-view').isVisible(), true);
  assert.equal(await page.locator('#board-view').isVisible(), false);
  assert.equal(await page.locator('.topbar').isVisible(), false);
  assert.equal(await page.locator('#print-view button').count(), 0);
  assert.deepEqual(await page.locator('.print-section h2').allTextContents(), ['New referrals (3)', 'On the list (3)', 'Post-op (2)']);
  assert.deepEqual(await page.locator('.print-section').nth(1).locator('td.patient .name').allTextContents(), ['Harold Finch', 'Sofia Marin', 'George Whitaker']);
  const firstDate = await page.locator('.print-section').nth(1).locator('td.theatre .date').first().textContent();
  assert.match(firstDate, /^\w{3} \d{1,2} \w{3} \d{4}$/);

  // The printable width of A4 with the page margins of print.css (186 mm at 96 dpi): no cell
  // overflows it.
  await page.setViewportSize({ width: 703, height: 1000 });
  const overflowing = await page.locator('#print-view td, #print-view th').evaluateAll((cells) => cells.filter((cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    const text = range.getBoundingClientRect();
    const box = cell.getBoundingClientRect();
    const style = getComputedStyle(cell);
    // Within the content box: text running into the padding touches the border.
    return text.left < box.left + parseFloat(style.paddingLeft) - 1 || text.right > box.right - parseFloat(style.paddingRight) + 1;
  }).map((cell) => cell.textContent));
  assert.deepEqual(overflowing, []);
  await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
  await page.screenshot({ path: path.join(screenshotDir, 'print.png'), fullPage: true, animations: 'disabled' });
  // Chromium renders it to an A4 PDF as well (what "Print" produces).
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  assert.ok(pdf.length > 1000);
  await page.emulateMedia({ media: 'screen' });
});

boardTest('the Print button opens the browser’s print dialog', async ({ server, open }) => {
  const user = await newUser(server);
  const { page } = await open();
  await page.addInitScript(() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; });
  await signIn(page, server, user);
  await page.getByRole('button', { name: 'Print' }).click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
});

boardTest('on a tablet the columns scroll sideways, not the page', async ({ server, open }) => {
  const user = await newUser(server);
  for (const section of ['new_referral', 'on_list', 'awaiting_imaging', 'post_op', 'theatre_2']) {
    await createCase(server, user.token, { name: `Patient in ${section}`, section });
  }
  const { page } = await open({ viewport: { width: 820, height: 1180 }, context: { hasTouch: true, isMobile: true } });
  await signIn(page, server, user);
  const sizes = await page.evaluate(() => {
    const board = document.getElementById('board');
    return { page: document.documentElement.scrollWidth, viewport: window.innerWidth, board: board.scrollWidth, visible: board.clientWidth };
  });
  assert.ok(sizes.page <= sizes.viewport, `the page does not scroll sideways (${JSON.stringify(sizes)})`);
  assert.ok(sizes.board > sizes.visible, 'the board scrolls sideways');
  // No hover on a touch screen: the move buttons are always visible.
  assert.equal(await page.getByRole('button', { name: 'Move Patient in on_list right' }).isVisible(), true);
  const opacity = await page.getByRole('button', { name: 'Move Patient in on_list right' }).evaluate((b) => getComputedStyle(b.parentElement).opacity);
  assert.equal(opacity, '1');
});
