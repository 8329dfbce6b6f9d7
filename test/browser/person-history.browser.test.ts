/**
 * Browser test of a person's history and of the people list's export (Chromium via playwright-core, 1366×768):
 * an officer edits a person, the form refuses a birth date after today by the API's own rule, and the saved change
 * shows on the person's page as "field: old → new" with who made it; the list's Export button asks for the list
 * with the filters on screen.
 *
 * Runs against `browserTarget()` (a fresh test server with the demo city, or LAOYOU_BASE_URL).
 * Screenshots: test-results/person-history-*.png.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, browserSuite, logIn, SCREENSHOT_DIR } from '../helpers/browser-session.ts';

const OLD_ADDRESS = '淮北市相山区历史路1号';
const NEW_ADDRESS = '淮北市相山区历史路2号';

let personId = 0;

const suite = browserSuite({
  setUp: async () => {
    const civil = await apiSession(suite.baseUrl, 'city.civil');
    const created = await civil.send('POST', '/api/people', {
      regionCode: '340603',
      name: '历史页测试老人',
      sex: 'male',
      birthDate: '1941-02-03',
      address: OLD_ADDRESS,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    personId = (created.body as { id: number }).id;
  },
});

describe('person history', () => {
  test('an edit shows on the person page as old → new with who made it; a future birth date is refused on the form', async () => {
    const { context, page, pageErrors } = await suite.newPage({ acceptDownloads: true });
    try {
      await logIn(page, 'city.civil');
      await page.goto(`/people/${personId}`);
      const history = page.getByTestId('person-history');
      await history.getByText('登记', { exact: true }).waitFor();
      assert.equal(await history.getByTestId('person-history-change').count(), 0, 'nothing changed yet');

      await page.getByTestId('person-edit').click();
      await page.waitForURL((url) => url.pathname === `/people/${personId}/edit`);
      // A birth date after today: the date picker refuses it by the API's rule (the date is disabled and a typed
      // one does not take), so the field keeps the registered date.
      const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      const birthDate = page.getByTestId('field-birthDate');
      await birthDate.click();
      await birthDate.fill(tomorrow);
      await page
        .locator(`.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) td[title="${tomorrow}"]`)
        .and(page.locator('.ant-picker-cell-disabled'))
        .waitFor();
      await birthDate.press('Escape');
      await page.getByTestId('field-address').click();
      // The picker puts the registered date back once it closes; wait for that render rather than read at once.
      await page
        .waitForFunction(
          () =>
            (document.querySelector('[data-testid="field-birthDate"]') as HTMLInputElement | null)?.value ===
            '1941-02-03',
          undefined,
          { timeout: 10_000 },
        )
        .catch(() => {});
      assert.equal(await birthDate.inputValue(), '1941-02-03', 'the future date does not take');
      await page.screenshot({ path: `${SCREENSHOT_DIR}person-history-birth-date.png` });
      await page.getByTestId('field-address').fill(NEW_ADDRESS);
      const saved = page.waitForResponse(
        (response) =>
          response.url().endsWith(`/api/people/${personId}`) && response.request().method() === 'PATCH',
      );
      await page.getByTestId('person-submit').click();
      assert.equal((await saved).status(), 200);
      await page.waitForURL((url) => url.pathname === `/people/${personId}`);
      const change = page.getByTestId('person-history-change');
      await change.first().waitFor();
      const text = await change.first().innerText();
      assert.match(text, /居住地址/);
      assert.match(text, new RegExp(`${OLD_ADDRESS}[\\s\\S]*${NEW_ADDRESS}`));
      assert.match(await page.getByTestId('person-history-event').first().innerText(), /王科长 修改/);
      await page.getByTestId('person-history').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}person-history-timeline.png` });
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  test('the people list exports to Excel with the filters on screen', async () => {
    const { context, page, pageErrors } = await suite.newPage({ acceptDownloads: true });
    try {
      await logIn(page, 'city.civil');
      await page.goto('/people');
      await page.getByTestId('filter-condition').click();
      const filtered = page.waitForResponse((response) => response.url().includes('condition=dementia'));
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) [title="认知障碍"]').click();
      await filtered;
      const exported = page.waitForResponse((response) => response.url().includes('/api/export/people.xlsx'));
      await page.getByTestId('export-button').click();
      const response = await exported;
      assert.equal(response.status(), 200);
      const url = new URL(response.url());
      assert.equal(url.searchParams.get('condition'), 'dementia');
      assert.equal(url.searchParams.get('region'), '3406');
      assert.match(response.headers()['content-type'] ?? '', /spreadsheetml/);
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });
});
