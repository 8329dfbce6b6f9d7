/**
 * Browser test of the organisation and staff edit drawers (Chromium via playwright-core, 1366×768): an officer edits
 * an organisation's field and the history shows it; a bad value is refused on the field by the API's own zod schema,
 * a bad credit code by the server's field error, and neither changes anything; a provider edits a member of its staff
 * and the history shows it; a planning officer, who may not change providers, sees no edit button.
 *
 * Runs against `browserTarget()` (a fresh test server with the demo city, or LAOYOU_BASE_URL).
 * Screenshots: test-results/registry-edit-*.png (zh-CN and en-US).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiSession, browserSuite, logIn, SCREENSHOT_DIR } from '../helpers/browser-session.ts';

let organisationId = 0;
let staffId = 0;

/** Counts the PATCH requests the page sends, to show a refused value never reached the server. */
function patchCounter(page: Page) {
  let count = 0;
  page.on('request', (request) => {
    if (request.method() === 'PATCH') count++;
  });
  return () => count;
}

const suite = browserSuite({
  setUp: async () => {
    const provider = (await apiSession(suite.baseUrl, 'provider.demo')).get;
    organisationId = (await provider('/api/provider/organisations')).organisations[0].id;
    staffId = (await provider('/api/provider/staff?pageSize=1')).staff[0].id;
  },
});

describe('organisation and staff edit forms', () => {
  test('an officer edits an organisation; bad values are refused on their fields and change nothing', async () => {
    const { context, page, pageErrors } = await suite.newPage({ storeLocale: true });
    const patches = patchCounter(page);
    const officer = (await apiSession(suite.baseUrl, 'city.civil')).get;
    try {
      await logIn(page, 'city.civil');
      await page.goto(`/providers/organisations/${organisationId}`);
      const before = await officer(`/api/organisations/${organisationId}`);
      await page.getByTestId('organisation-edit-open').click();
      const drawer = page.getByTestId('organisation-edit');

      // The API's phone schema, run in the form: refused before anything is sent.
      await drawer.getByTestId('organisation-field-contactPhone').fill('电话 abc');
      await drawer.getByTestId('organisation-save').click();
      await drawer.getByText('联系电话只能包含数字、空格、+、-和括号（5–30位）').waitFor();
      assert.equal(patches(), 0, 'a value the schema refuses is never sent');
      await drawer.getByTestId('organisation-field-contactPhone').fill(before.contactPhone ?? '');

      // A credit code of the right length but a wrong check digit: only the server knows; its message lands on the field.
      const uscc = before.uscc as string;
      const wrong = uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
      await drawer.getByTestId('organisation-field-uscc').fill(wrong);
      const refused = page.waitForResponse((response) => response.request().method() === 'PATCH');
      await drawer.getByTestId('organisation-save').click();
      assert.equal((await refused).status(), 400);
      await drawer.locator('.ant-form-item-has-error').getByTestId('organisation-field-uscc').waitFor();
      // The server's reason is shown under the field, not only its red outline.
      await drawer.getByText('统一社会信用代码校验位不正确').waitFor();
      await page.screenshot({ path: `${SCREENSHOT_DIR}registry-edit-organisation-error.png` });
      assert.deepEqual(await officer(`/api/organisations/${organisationId}`), before, 'nothing changed');

      await drawer.getByTestId('organisation-field-uscc').fill(uscc);
      await drawer.getByTestId('organisation-field-legalPerson').fill('历史表单法人');
      const saved = page.waitForResponse((response) => response.request().method() === 'PATCH');
      await drawer.getByTestId('organisation-save').click();
      const reply = await saved;
      assert.equal(reply.status(), 200);
      assert.deepEqual(Object.keys(JSON.parse(reply.request().postData() ?? '{}')), ['legalPerson']);
      await drawer.waitFor({ state: 'hidden' });

      const change = page
        .getByTestId('organisation-history')
        .getByTestId('organisation-history-change')
        .filter({ hasText: '历史表单法人' });
      await change.waitFor();
      assert.match(await change.innerText(), /法定代表人/);
      await page.getByTestId('organisation-history').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}registry-edit-organisation-history.png` });
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  test('the English drawers, and a planning officer without the edit button', async () => {
    const { context, page, pageErrors } = await suite.newPage({
      locale: 'en-US',
      storeLocale: true,
    });
    try {
      await logIn(page, 'city.civil');
      await page.goto(`/providers/organisations/${organisationId}`);
      await page.getByTestId('organisation-edit-open').click();
      const drawer = page.getByTestId('organisation-edit');
      await drawer.getByText('Edit organisation').waitFor();
      await drawer.getByTestId('organisation-field-contactPhone').fill('phone abc');
      await drawer.getByTestId('organisation-save').click();
      await drawer.getByText('A phone number has 5–30 digits, spaces, + - ( ) only').waitFor();
      await page.screenshot({ path: `${SCREENSHOT_DIR}registry-edit-organisation-en.png` });
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
    const provider = await suite.newPage({ locale: 'en-US', storeLocale: true });
    try {
      await logIn(provider.page, 'provider.demo');
      await provider.page.goto(`/staff/${staffId}`);
      await provider.page.getByTestId('staff-edit-open').click();
      await provider.page.getByTestId('staff-edit').getByText('Edit staff member').waitFor();
      await provider.page.screenshot({ path: `${SCREENSHOT_DIR}registry-edit-staff-en.png` });
      assert.deepEqual(provider.pageErrors, []);
    } finally {
      await provider.context.close();
    }
    const planner = await suite.newPage({ storeLocale: true });
    try {
      await logIn(planner.page, 'city.planning');
      await planner.page.goto(`/providers/organisations/${organisationId}`);
      await planner.page.getByTestId('organisation-history').waitFor();
      assert.equal(await planner.page.getByTestId('organisation-edit-open').count(), 0);
    } finally {
      await planner.context.close();
    }
  });

  test('a provider edits its contacts and a member of its staff, and the history shows each change', async () => {
    const { context, page, pageErrors } = await suite.newPage({ storeLocale: true });
    const patches = patchCounter(page);
    try {
      await logIn(page, 'provider.demo');
      // Its own organisation: contacts only, by the provider route.
      await page.goto(`/providers/organisations/${organisationId}`);
      await page.getByTestId('organisation-edit-open').click();
      const contacts = page.getByTestId('organisation-edit');
      assert.equal(
        await contacts.getByTestId('organisation-field-uscc').count(),
        0,
        'registration is not theirs',
      );
      await contacts.getByTestId('organisation-field-contactName').fill('表单联系人');
      const contactSaved = page.waitForResponse((response) => response.request().method() === 'PATCH');
      await contacts.getByTestId('organisation-save').click();
      const contactReply = await contactSaved;
      assert.equal(contactReply.status(), 200);
      assert.match(contactReply.url(), /\/api\/provider\/organisations\//);
      await page
        .getByTestId('organisation-history')
        .getByTestId('organisation-history-change')
        .filter({ hasText: '表单联系人' })
        .waitFor();

      await page.goto(`/staff/${staffId}`);
      await page.getByTestId('staff-edit-open').click();
      const drawer = page.getByTestId('staff-edit');
      const name = drawer.getByTestId('staff-field-name');
      const oldName = await name.inputValue();

      const sentBefore = patches();
      await name.fill('长'.repeat(101));
      await drawer.getByTestId('staff-save').click();
      await drawer.getByText('姓名须为 1–100 个字符').waitFor();
      assert.equal(patches(), sentBefore, 'a value the schema refuses is never sent');

      await name.fill(`${oldName}（改）`);
      const saved = page.waitForResponse((response) => response.request().method() === 'PATCH');
      await drawer.getByTestId('staff-save').click();
      assert.equal((await saved).status(), 200);
      await drawer.waitFor({ state: 'hidden' });
      const change = page
        .getByTestId('staff-history')
        .getByTestId('staff-history-change')
        .filter({ hasText: `${oldName}（改）` });
      await change.waitFor();
      assert.match(await change.innerText(), /姓名/);
      await page.screenshot({ path: `${SCREENSHOT_DIR}registry-edit-staff-history.png`, fullPage: true });

      await page.getByTestId('staff-edit-open').click();
      await drawer.getByTestId('staff-field-name').waitFor();
      await page.screenshot({ path: `${SCREENSHOT_DIR}registry-edit-staff-form.png` });
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });
});
