/**
 * Browser test of who sees the Export buttons (Chromium via playwright-core, 1366×768): the console shows them to
 * whoever the server lets export the list — a provider's staff account on its organisation's facilities and staff, a
 * government viewer on the people list, a planning viewer on the facilities — and the downloads hold what the list
 * shows, ID numbers masked.
 *
 * Runs against `startTestServer()` (API + built web bundle + demo city): the accounts are made in its database, as
 * the platform has no account administration yet. Screenshots: test-results/export-buttons-*.png.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, downloadedSheet, logIn, SCREENSHOT_DIR } from '../helpers/browser-session.ts';
import { createAccount, startTestServer } from '../helpers/server.ts';

async function exportFrom(page: Page, testId: string) {
  const download = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  return downloadedSheet(await download);
}

const suite = browserSuite({
  start: () => startTestServer(),
  setUp: async () => {
    const demo = await suite.target.database.db
      .selectFrom('account_role as r')
      .innerJoin('account as a', 'a.id', 'r.account_id')
      .select('r.organisation_id')
      .where('a.username', '=', 'provider.demo')
      .executeTakeFirstOrThrow();
    await createAccount(suite.target, 'buttons.clerk', 'provider', 'provider_staff', {
      organisation_id: demo.organisation_id!,
    });
    await createAccount(suite.target, 'buttons.viewer', 'government', 'viewer', {
      region_code: '340603',
      domain: 'elderly_care',
    });
    await createAccount(suite.target, 'buttons.planning', 'government', 'viewer', {
      region_code: '3406',
      domain: 'planning',
    });
  },
});

describe('export buttons', () => {
  test("a provider's staff account exports its organisation's facilities and staff", async () => {
    const { context, page, pageErrors } = await suite.newPage({ acceptDownloads: true });
    try {
      await logIn(page, 'buttons.clerk');
      await page.goto('/providers');
      await page.getByTestId('facilities-table').locator('tbody tr.ant-table-row').first().waitFor();
      await page.getByTestId('capacity-export').waitFor();
      const facilities = await exportFrom(page, 'facilities-export');
      assert.ok(facilities.length > 0);
      assert.equal(
        new Set(facilities.map((row) => row['运营机构名称'])).size,
        1,
        'its own organisation only',
      );
      await page.screenshot({ path: `${SCREENSHOT_DIR}export-buttons-clerk.png` });

      await page.goto('/staff');
      await page.getByTestId('staff-table').locator('tbody tr.ant-table-row').first().waitFor();
      const staff = await exportFrom(page, 'staff-export');
      const ids = staff
        .map((row) => row['身份证号码（脱敏）'])
        .filter((id) => id !== undefined && id !== null);
      assert.ok(ids.length > 0 && ids.every((id) => /\*/.test(String(id))), 'ID numbers masked');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  test('a viewer exports the people list, masked; a planning viewer exports the facilities it reads', async () => {
    const { context, page, pageErrors } = await suite.newPage({ acceptDownloads: true });
    try {
      await logIn(page, 'buttons.viewer');
      await page.goto('/people');
      await page.getByTestId('export-button').waitFor();
      await page.screenshot({ path: `${SCREENSHOT_DIR}export-buttons-viewer.png` });
      const people = await exportFrom(page, 'export-button');
      const ids = people.map((row) => row['身份证号码']).filter((id) => id !== undefined && id !== null);
      assert.ok(ids.length > 0 && ids.every((id) => /\*/.test(String(id))), 'ID numbers masked');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }

    const planning = await suite.newPage({ acceptDownloads: true });
    try {
      await logIn(planning.page, 'buttons.planning');
      await planning.page.goto('/providers');
      await planning.page.getByTestId('facilities-table').locator('tbody tr.ant-table-row').first().waitFor();
      const facilities = await exportFrom(planning.page, 'facilities-export');
      assert.ok(facilities.length > 0);
      assert.deepEqual(planning.pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await planning.context.close();
    }
  });
});
