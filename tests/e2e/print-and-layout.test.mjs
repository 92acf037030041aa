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

const HOUR = 3_600_000;
const ago = (ms) => new Date(Date.now() - ms).toISOString();
const ITEMS = ['consent', 'site_marked', 'bloods', 'group_and_save', 'imaging', 'anaesthetic_review', 'fasting', 'anticoagulation'];
const checklistWith = (pending) => Object.fromEntries(ITEMS.map((item) => [item, pending.includes(item) ? 'pending' : 'done']));

/** Who they are, where, whose, how urgent, what is missing, since when: the meeting's questions. */
const CLINICAL = {
  'Margaret Ellis': { hospital_number: 'RX-1002345', ward: '7B', consultant: 'Ms Okafor', priority: 'urgent', pathway: 'hip_fracture', admitted_at: ago(37 * HOUR), checklist: checklistWith(['consent', 'bloods']) },
  'Daniel Okafor': { hospital_number: 'RX-1002377', ward: 'ED', consultant: 'Mr Adeyemi', priority: 'immediate', decision_at: ago(40 * 60_000), checklist: checklistWith(['group_and_save']), theatre_slot: 'am' },
  'Priya Shah': { hospital_number: 'RX-1002390', ward: 'Paeds', consultant: 'Mr Adeyemi', priority: 'expedited', decision_at: ago(5 * HOUR) },
  'Harold Finch': { hospital_number: 'RX-0998812', ward: '7B', consultant: 'Ms Okafor', priority: 'urgent', pathway: 'hip_fracture', admitted_at: ago(20 * HOUR), checklist: checklistWith([]), theatre_slot: 'am', theatre_status: 'sent_for' },
  'Sofia Marin': { hospital_number: 'RX-1001504', ward: '6A', consultant: 'Mr Hale', priority: 'elective', checklist: checklistWith(['fasting']), theatre_slot: 'pm' },
  'George Whitaker': { hospital_number: 'RX-0987001', ward: '7B', consultant: 'Mr Hale', priority: 'expedited', decision_at: ago(30 * HOUR), checklist: checklistWith(['imaging', 'anaesthetic_review']) },
};

async function arrangeMorningList(server) {
  const user = await newUser(server, 'trauma.registrar@example.org');
  for (const fields of MORNING_LIST) await createCase(server, user.token, { ...fields, ...(CLINICAL[fields.name] || {}) });
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
  // The meeting's columns: hospital number, ward, consultant, priority, readiness, waiting, theatre.
  assert.deepEqual(await page.locator('.print-section').first().locator('th').allTextContents(),
    ['#', 'Patient', 'Hosp. no.', 'Ward', 'Consultant', 'Priority', 'Readiness', 'Waiting', 'Theatre']);
  const first = page.locator('.print-section').first().locator('tbody tr').first();
  assert.equal(await first.locator('td.mrn-cell').textContent(), 'RX-1002345');
  assert.deepEqual(await first.locator('td').evaluateAll((cells) => cells.slice(3, 7).map((cell) => cell.textContent)),
    ['7B', 'Ms Okafor', 'Urgent', 'Not ready: consent, bloods']);
  assert.match(await first.locator('td.waiting').textContent(), /^37h 0mOverdue 1h 0m$/);
  assert.equal(await page.locator('.print-section').nth(1).locator('tbody tr').first().locator('td.readiness-cell').textContent(), 'Ready');
  assert.match(await page.locator('.print-section').nth(1).locator('tbody tr').first().locator('td.theatre').textContent(), /AMSent for$/);

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
  // A hospital number is never broken over two lines.
  const wrapped = await page.locator('#print-view td.mrn-cell').evaluateAll((cells) => cells.filter((cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return range.getClientRects().length > 1;
  }).map((cell) => cell.textContent));
  assert.deepEqual(wrapped, []);
  // The picture is the printed page's width within its margins, as the paper shows it.
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
