/**
 * Browser test of the registry lists' Excel exports and of organisation and staff history (Chromium via
 * playwright-core, 1366×768): a civil-affairs officer filters the facility and staff lists, exports each, and the
 * downloaded workbooks hold exactly the filtered rows with ID numbers masked; a provider exports its own facilities
 * only; the organisation and staff detail pages show their edits as "field: old → new".
 *
 * Runs against `browserTarget()` (a fresh test server with the demo city, or LAOYOU_BASE_URL).
 * Screenshots: test-results/registry-*.png.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  apiSession,
  browserSuite,
  downloadedSheet,
  chooseOption,
  logIn,
  SCREENSHOT_DIR,
} from '../helpers/browser-session.ts';

let demoOrganisationId = 0;
let editedStaffId = 0;

async function exportFrom(page: Page, testId: string) {
  const download = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const file = await download;
  return { name: file.suggestedFilename(), rows: await downloadedSheet(file) };
}

const suite = browserSuite({
  setUp: async () => {
    // Edits to show as history: the demo provider changes its contacts and moves a member of staff to a new post.
    const provider = (await apiSession(suite.baseUrl, 'provider.demo')).call;
    const own = await provider('GET', '/api/provider/organisations');
    demoOrganisationId = own.organisations[0].id;
    await provider('PATCH', `/api/provider/organisations/${demoOrganisationId}`, {
      contactPhone: '0561-3123456',
    });
    // Someone on the list's first page: employed today (China time), lowest id first.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const staff = await provider('GET', `/api/provider/staff?pageSize=1&employedOn=${today}`);
    editedStaffId = staff.staff[0].id;
    await provider('PATCH', `/api/provider/staff/${editedStaffId}`, { employedFrom: '2019-05-06' });
  },
});

describe('registry exports', () => {
  test('an officer exports the filtered facility and staff lists; the workbooks hold those rows, masked', async () => {
    const { context, page, pageErrors } = await suite.newPage({ acceptDownloads: true });
    try {
      await logIn(page, 'city.civil');
      await page.goto('/providers');
      await page.getByTestId('facilities-table').locator('tbody tr.ant-table-row').first().waitFor();
      const filtered = page.waitForResponse(
        (r) => r.url().includes('/api/facilities?') && r.url().includes('type=care_home'),
      );
      await chooseOption(page, 'facility-filter-type', '养老机构');
      const list = (await (await filtered).json()) as { total: number };
      await page.screenshot({ path: `${SCREENSHOT_DIR}registry-providers.png` });
      const facilities = await exportFrom(page, 'facilities-export');
      assert.equal(facilities.name, '设施名单-3406.xlsx');
      assert.ok(facilities.rows.length > 0);
      assert.equal(facilities.rows.length, list.total, 'every filtered facility, all pages');
      assert.ok(
        facilities.rows.every((row) => row['设施类型'] === '养老机构'),
        'only the filtered type',
      );

      // The capacity summary exports every facility's figures of its date; a facility its capacity history.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByTestId('capacity-asof-export').waitFor();
      await page.screenshot({ path: `${SCREENSHOT_DIR}registry-providers-top.png` });
      const asOf = await exportFrom(page, 'capacity-asof-export');
      assert.ok(asOf.rows.length >= facilities.rows.length);
      await page.getByTestId('facilities-table').locator('a[data-testid^="facility-link-"]').first().click();
      await page.getByTestId('capacity-history-export').waitFor();
      const periods = await exportFrom(page, 'capacity-history-export');
      assert.ok(periods.rows.length > 0 && periods.rows.every((row) => row['起始日期']));
      await page.screenshot({ path: `${SCREENSHOT_DIR}registry-facility.png` });

      await page.goto('/staff');
      await page.getByTestId('staff-table').locator('tbody tr.ant-table-row').first().waitFor();
      const staffFiltered = page.waitForResponse(
        (r) => r.url().includes('/api/staff?') && r.url().includes('role=carer'),
      );
      await chooseOption(page, 'staff-filter-role', '养老护理员');
      const staffList = (await (await staffFiltered).json()) as { total: number };
      await page.getByTestId('staff-table').locator('tbody tr.ant-table-row').first().waitFor();
      await page.screenshot({ path: `${SCREENSHOT_DIR}registry-staff.png` });
      const staff = await exportFrom(page, 'staff-export');
      assert.equal(staff.rows.length, staffList.total);
      assert.ok(staff.rows.length > 0 && staff.rows.every((row) => row['岗位'] === '养老护理员'));
      const ids = staff.rows.map((row) => row['身份证号码（脱敏）']).filter((id) => id !== undefined);
      assert.ok(ids.length > 0, 'the demo carers have ID numbers');
      assert.ok(
        ids.every((id) => /^\d{3,6}\*+\w{0,4}$/.test(String(id))),
        `ID numbers masked: ${ids.slice(0, 3).join(', ')}`,
      );

      await page.goto('/households');
      await page.getByTestId('households-export').waitFor();
      await page.locator('tbody tr.ant-table-row').first().waitFor();
      await page.screenshot({ path: `${SCREENSHOT_DIR}registry-households.png` });
      await page.goto('/filings');
      await page.getByTestId('filings-export').waitFor();
      await page.getByTestId('inbox-table').locator('tbody tr.ant-table-row').first().waitFor();
      await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'));
      await page.screenshot({ path: `${SCREENSHOT_DIR}registry-filings.png` });
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  test("a provider exports its own facilities; organisation and staff pages show their edits' history", async () => {
    const { context, page, pageErrors } = await suite.newPage({ acceptDownloads: true });
    try {
      await logIn(page, 'provider.demo');
      await page.goto('/providers');
      await page.getByTestId('facilities-table').locator('tbody tr.ant-table-row').first().waitFor();
      const own = await exportFrom(page, 'facilities-export');
      const organisations = new Set(own.rows.map((row) => row['运营机构名称']));
      assert.equal(organisations.size, 1, 'its own organisation only');

      await page.goto('/my-filings');
      await page.getByTestId('my-filings-table').locator('tbody tr').first().waitFor();
      const filings = await exportFrom(page, 'my-filings-export');
      assert.equal(filings.name, '本机构备案记录.xlsx');
      await page.screenshot({ path: `${SCREENSHOT_DIR}registry-my-filings.png` });

      await page.goto(`/providers/organisations/${demoOrganisationId}`);
      await page.getByTestId('organisation-facilities-export').waitFor();
      const history = page.getByTestId('organisation-history');
      await history.getByTestId('organisation-history-change').first().waitFor();
      const change = await history.getByTestId('organisation-history-change').first().innerText();
      assert.match(change, /联系电话/);
      assert.match(change, /0561-3123456/);
      await history.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}registry-organisation-history.png` });

      await page.goto('/staff');
      await page.getByTestId(`staff-name-${editedStaffId}`).click();
      await page.waitForURL((url) => url.pathname === `/staff/${editedStaffId}`);
      const staffHistory = page.getByTestId('staff-history');
      await staffHistory.getByTestId('staff-history-change').first().waitFor();
      assert.match(
        await staffHistory.getByTestId('staff-history-change').first().innerText(),
        /入职日期[\s\S]*2019-05-06/,
      );
      await page.screenshot({ path: `${SCREENSHOT_DIR}registry-staff-detail.png`, fullPage: true });
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });
});
