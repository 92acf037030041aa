// The board builds the case dialog and reads its filters from the server's field list
// (GET /case-fields), not from a copy of its own: every field a user may write has a control
// labelled and limited as the server says, a field the server adds appears in the dialog, and
// a filter parameter the bar does not show still works from a bookmarked address.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { boardTest } from './helpers/scenario.mjs';
import { call, createCase, newUser, updateCase } from './helpers/api.mjs';
import { LIVE_TIMEOUT_MS, card, screenshotDir, signIn, waitFor } from './helpers/browser.mjs';

// Set by their own controls: the Archive button, and the card's place on the board.
const CHANGED_ELSEWHERE = ['archived', 'order_index'];
// Values that some patterns accept and others refuse (letters, digits, a hyphen, a space, a '!').
const PATTERN_SAMPLES = ['RX-1234', 'abc_def', 'not valid!', 'x'.repeat(40)];

async function caseFields(server) {
  const { status, data } = await call(server, 'GET', '/case-fields');
  assert.equal(status, 200, 'GET /case-fields needs no sign-in');
  return data;
}

async function openNewCase(page) {
  await page.getByRole('button', { name: 'Add case to New referrals' }).click();
  const dialog = page.locator('#case-dialog');
  await dialog.waitFor();
  return dialog;
}

boardTest('the case dialog has a labelled control, limited as the server says, for every writable field', async ({ server, open }) => {
  const description = await caseFields(server);
  const editable = description.fields.filter((field) => field.writable && !CHANGED_ELSEWHERE.includes(field.name));
  for (const name of ['name', 'hospital_number', 'theatre_slot', 'notes']) {
    assert.ok(editable.some((field) => field.name === name), `the server lists ${name} as writable`);
  }
  const user = await newUser(server);
  const { page } = await open();
  await signIn(page, server, user);
  const dialog = await openNewCase(page);
  await page.mouse.move(0, 0); // no hover state in the picture
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, 'case-dialog.png'), animations: 'disabled' });

  for (const field of editable) {
    if (field.type === 'object') {
      // Named items, each a choice among the field's values: a group of radio rows.
      const group = dialog.getByRole('group', { name: field.label, exact: true });
      assert.equal(await group.count(), 1, `one group labelled "${field.label}"`);
      for (const key of field.keys) {
        const row = group.locator(`.item-row[data-item="${key}"]`);
        assert.equal(await row.getAttribute('role'), 'radiogroup', `${field.name}.${key}: a radio group`);
        const values = await row.locator('input[type="radio"]').evaluateAll((nodes) => nodes.map((node) => node.value));
        assert.deepEqual(values, field.values, `${field.name}.${key}: choices`);
      }
      continue;
    }
    const control = dialog.getByLabel(field.label, { exact: true });
    assert.equal(await control.count(), 1, `one control labelled "${field.label}"`);
    const shape = await control.evaluate((node) => ({
      name: node.name,
      tag: node.tagName,
      type: node.type,
      required: node.required,
      maxLength: node.getAttribute('maxlength'),
      options: node.tagName === 'SELECT' ? [...node.options].map((option) => option.value) : null,
    }));
    assert.equal(shape.name, field.name);
    assert.equal(shape.required, field.required, `${field.name}: required`);
    if (field.values) assert.deepEqual(shape.options, [...(field.nullable ? [''] : []), ...field.values], `${field.name}: choices`);
    if (field.type === 'date') assert.equal(shape.type, 'date', `${field.name}: a date input`);
    if (field.type === 'timestamp') assert.equal(shape.type, 'datetime-local', `${field.name}: a date and time input`);
    const typed = shape.tag === 'TEXTAREA' || (shape.tag === 'INPUT' && shape.type === 'text');
    if (typed && field.max_length !== null) assert.equal(shape.maxLength, String(field.max_length), `${field.name}: maxlength`);
    if (typed && field.pattern) {
      // The browser flags what the server's pattern refuses, and nothing else.
      const accepted = new RegExp(field.pattern, 'u');
      for (const sample of PATTERN_SAMPLES) {
        const flagged = await control.evaluate((node, value) => { node.value = value; return node.validity.patternMismatch; }, sample);
        assert.equal(flagged, !accepted.test(sample), `${field.name}: "${sample}" against ${field.pattern}`);
      }
      await control.fill('');
    }
  }
  // Nothing else: the form's controls are the server's writable fields, in its order (the
  // choices of an item, "checklist.consent", belong to their field).
  const controls = await dialog.locator('#case-fields').locator('input, select, textarea').evaluateAll((nodes) => nodes.map((node) => node.name.split('.')[0]));
  const names = controls.filter((name, i) => name !== controls[i - 1]);
  assert.deepEqual(names, editable.map((field) => field.name));
});

boardTest('a field and a label the server adds appear in the dialog, and what is typed is sent', async ({ server, open }) => {
  const user = await newUser(server);
  const { page, context } = await open();
  // The server of a later version: more fields, and a new label for an old one.
  await context.route('**/case-fields', async (route) => {
    const response = await route.fetch();
    const description = await response.json();
    const added = { nullable: false, writable: true, required: false, max_length: null, pattern: null, values: null };
    description.fields.push(
      { ...added, name: 'bed', label: 'Bed', type: 'string', max_length: 8 },
      { ...added, name: 'consent_signed', label: 'Consent signed', type: 'boolean' },
      { ...added, name: 'units_crossmatched', label: 'Units cross-matched', type: 'integer', nullable: true },
    );
    description.fields.find((field) => field.name === 'ward').label = 'Ward or bay';
    await route.fulfill({ response, json: description });
  });
  await signIn(page, server, user);
  const dialog = await openNewCase(page);
  const bed = dialog.getByLabel('Bed', { exact: true });
  assert.equal(await bed.getAttribute('maxlength'), '8');
  await dialog.getByLabel('Name', { exact: true }).fill('Ivy Lane');
  await dialog.getByLabel('Ward or bay', { exact: true }).fill('7B');
  await bed.fill('B12');
  await dialog.getByLabel('Consent signed', { exact: true }).check();
  await dialog.getByLabel('Units cross-matched', { exact: true }).fill('2');
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/cases/'),
    dialog.getByRole('button', { name: 'Add case' }).click(),
  ]);
  const sent = request.postDataJSON();
  assert.equal(sent.bed, 'B12');
  assert.equal(sent.ward, '7B');
  assert.equal(sent.consent_signed, true);
  assert.equal(sent.units_crossmatched, 2);
  assert.equal(sent.hospital_number, null, 'an empty field the server lets be null is sent as null');
  await card(page, 'Ivy Lane', 'new_referral').waitFor();
});

boardTest('the filters bar sends only the server\'s parameters, and a bookmarked one it does not show works', async ({ server, open }) => {
  const description = await caseFields(server);
  const user = await newUser(server);
  await createCase(server, user.token, { name: 'Jay Kerr', section: 'on_list', ward: '7B' });
  const other = await createCase(server, user.token, { name: 'Kim Lowe', section: 'on_list', ward: '3A' });
  const { page } = await open();
  await signIn(page, server, { ...user, path: '/?ward=7B' });

  // Every control the bar shows, but the search box and the board's own "awaiting theatre" view.
  const barParams = await page.locator('#filters input[name], #filters select[name]')
    .evaluateAll((nodes) => nodes.filter((node) => node.offsetParent !== null).map((node) => node.name));
  for (const param of barParams.filter((name) => name !== 'q' && name !== 'awaiting')) {
    assert.ok(description.filters.some((filter) => filter.param === param), `the server filters by "${param}"`);
  }

  const names = () => page.locator('#board .card .card-open').allTextContents();
  await waitFor(async () => (await names()).join() === 'Jay Kerr', { message: 'only the ward 7B case' });
  // A live change that makes the other case match brings it in.
  await updateCase(server, user.token, other.id, { ward: '7B' });
  await card(page, 'Kim Lowe').waitFor({ timeout: LIVE_TIMEOUT_MS });
  // The bar keeps the bookmarked filter while another is set, until "Clear filters".
  await page.locator('#filters').getByLabel('Search').fill('kim');
  await waitFor(async () => (await names()).join() === 'Kim Lowe', { message: 'ward and search together' });
  assert.equal(new URL(page.url()).searchParams.get('ward'), '7B');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await waitFor(async () => (await names()).length === 2, { message: 'all cases again' });
  assert.doesNotMatch(page.url(), /\?/);
});
