// The Reports page (issue "Theatre lists"): for a set of cases made through the API whose times
// are known, the page shows the share that reached theatre within target, by pathway and by
// priority, and the cancellations by reason, as bar charts and as tables of the same numbers.
// A screenshot goes to tests/e2e/screenshots.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { boardTest } from './helpers/scenario.mjs';
import { call, createCase, newUser, updateCase } from './helpers/api.mjs';
import { screenshotDir, signIn, waitFor } from './helpers/browser.mjs';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ago = (ms) => new Date(Date.now() - ms).toISOString();

/** A case that reaches theatre now, its clock having started `since` ago. */
async function operated(server, token, fields) {
  const c = await createCase(server, token, { section: 'operated', ...fields });
  return updateCase(server, token, c.id, { theatre_status: 'in_theatre' });
}

async function cancel(server, token, id, reason) {
  const { status, data } = await call(server, 'POST', `/cases/${id}/cancel`, { token, body: { reason, note: '' } });
  assert.equal(status, 200, JSON.stringify(data));
}

/** The table's rows as arrays of cell texts (the heading cell first). */
function tableRows(page, id) {
  return page.locator(`#${id} tbody tr`).evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent)));
}

/** The report's minutes for a group: the server's, checked to be within a minute of the known times. */
function near(actual, expected) {
  return Math.abs(Number(actual) - expected) <= 1;
}

boardTest('the Reports page charts and tabulates time to theatre and cancellations for known cases', async ({ server, open }) => {
  const user = await newUser(server, 'manager');
  // Hip fractures, 36 h from admission: two within target, one not.
  await operated(server, user.token, { name: 'H1', pathway: 'hip_fracture', admitted_at: ago(2 * HOUR) });
  await operated(server, user.token, { name: 'H2', pathway: 'hip_fracture', admitted_at: ago(10 * HOUR) });
  await operated(server, user.token, { name: 'H3', pathway: 'hip_fracture', admitted_at: ago(40 * HOUR) });
  // No pathway: immediate (1 h) missed, urgent (6 h) met, elective without a deadline.
  await operated(server, user.token, { name: 'I1', priority: 'immediate', decision_at: ago(3 * HOUR) });
  await operated(server, user.token, { name: 'U1', priority: 'urgent', decision_at: ago(HOUR) });
  await operated(server, user.token, { name: 'E1', priority: 'elective' });
  // Not in theatre: not counted.
  await createCase(server, user.token, { name: 'W1', section: 'new_referral', pathway: 'hip_fracture', admitted_at: ago(HOUR) });
  // Cancellations: one for want of a bed, two of an unfit patient.
  const bed = await createCase(server, user.token, { name: 'C1', section: 'on_list' });
  const unfit = await createCase(server, user.token, { name: 'C2', section: 'on_list' });
  await cancel(server, user.token, bed.id, 'no_bed');
  await cancel(server, user.token, unfit.id, 'patient_unfit');
  await cancel(server, user.token, unfit.id, 'patient_unfit');

  const { page } = await open();
  await signIn(page, server, user);
  await page.locator('#nav-reports').click();
  await waitFor(async () => (await page.locator('#ttt-body tr').count()) === 2, { message: 'the time-to-theatre table' });

  // The default range: the last 30 days up to today.
  const today = new Date().toISOString().slice(0, 10);
  assert.equal(await page.locator('#report-to').inputValue(), today);
  assert.equal(await page.locator('#report-from').inputValue(), new Date(Date.now() - 29 * 24 * HOUR).toISOString().slice(0, 10));

  let rows = await tableRows(page, 'ttt-table');
  assert.deepEqual(rows.map((row) => row.slice(0, 5)), [
    ['Hip fracture', '3', '2', '1', '66.7%'],
    ['Not set', '3', '1', '1', '50.0%'],
  ]);
  // Nearest rank over 120, 600 and 2400 minutes: the median is the 2nd, the 90th centile the 3rd.
  assert.ok(near(rows[0][5], 600) && near(rows[0][6], 2400), JSON.stringify(rows[0]));
  // The bars: one per group, as long as its share of the track.
  const widths = await page.locator('#ttt-chart rect.chart-bar').evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute('width'))));
  assert.equal(widths.length, 2);
  assert.ok(Math.abs(widths[0] / widths[1] - 66.7 / 50) < 0.01, JSON.stringify(widths));
  assert.deepEqual(await page.locator('#ttt-chart .chart-value').allTextContents(), ['66.7%', '50.0%']);

  // By priority: alphabetical, the cases without one last; "no target" for the elective.
  await page.locator('#report-group').selectOption('priority');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await waitFor(async () => (await page.locator('#ttt-body tr').count()) === 4, { message: 'the table by priority' });
  rows = await tableRows(page, 'ttt-table');
  assert.deepEqual(rows.map((row) => row.slice(0, 5)), [
    ['Elective', '1', '0', '0', '—'],
    ['Immediate', '1', '0', '1', '0.0%'],
    ['Urgent', '1', '1', '0', '100.0%'],
    ['Not set', '3', '2', '1', '66.7%'],
  ]);
  assert.equal(await page.locator('#ttt-group-heading').textContent(), 'Priority');
  assert.deepEqual(await page.locator('#ttt-chart .chart-value').allTextContents(), ['no target', '0.0%', '100.0%', '66.7%']);

  // Cancellations: every reason, in the server's order, with its count.
  const cancellations = await tableRows(page, 'cancel-table');
  assert.deepEqual(cancellations, [
    ['Patient unfit', '2'], ['No theatre time', '0'], ['No bed', '1'], ['No staff', '0'], ['Equipment', '0'],
    ['Patient declined', '0'], ['More urgent case', '0'], ['Administrative error', '0'], ['Other', '0'],
  ]);
  const bars = await page.locator('#cancel-chart rect.chart-bar').evaluateAll((nodes) => nodes.map((bar) => Number(bar.getAttribute('width'))));
  assert.equal(bars.length, 9);
  assert.ok(Math.abs(bars[0] - 2 * bars[2]) < 0.2 && bars[1] === 0, JSON.stringify(bars));

  // The CSV form comes from the server, with the token in a header.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#report-cancel-csv').click()]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^reason,count\r\npatient_unfit,2\r\n/);

  // A range without those cases: nothing in theatre, every count 0.
  await page.locator('#report-from').fill('2020-01-01');
  await page.locator('#report-to').fill('2020-01-31');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.locator('#ttt-chart', { hasText: 'No case reached theatre in these dates.' }).waitFor();
  await waitFor(async () => (await tableRows(page, 'cancel-table')).every((row) => row[1] === '0'), { message: 'no cancellations in 2020' });

  await page.locator('#report-from').fill(new Date(Date.now() - 29 * 24 * HOUR).toISOString().slice(0, 10));
  await page.locator('#report-to').fill(today);
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await waitFor(async () => (await page.locator('#ttt-body tr').count()) === 4, { message: 'the report again' });
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.mouse.move(0, 0);
  // The page scrolls within itself: a taller window shows both reports in one picture.
  await page.setViewportSize({ width: 1366, height: 1300 });
  await page.screenshot({ path: path.join(screenshotDir, 'reports.png'), animations: 'disabled', fullPage: true });
});
