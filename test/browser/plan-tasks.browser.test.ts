/**
 * Browser test of the key tasks and facility standards page (Chromium via playwright-core, 1366×768): a city
 * officer sees 淮北's 13 key tasks, reports dated progress on one and sees it as the latest report, and reads the
 * facility standards checked for the city and each district.
 *
 * Runs against `browserTarget()` (a fresh test server with the demo city, or LAOYOU_BASE_URL).
 * Screenshots: test-results/plan-tasks-*.png.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSuite, logIn, SCREENSHOT_DIR } from '../helpers/browser-session.ts';

const suite = browserSuite();

describe('key tasks and facility standards', () => {
  test('an officer reports progress on a key task and reads the standards region by region', async () => {
    const { context, page, pageErrors: errors } = await suite.newPage();
    await logIn(page, 'city.civil');
    await page.goto('/plan-tasks');
    const table = page.getByTestId('plan-tasks-table');
    await table.getByText('提升公益性养老托育服务供给水平').waitFor();
    assert.equal(await table.locator('tbody tr.ant-table-row').count(), 13);

    const report = `已完成公办养老机构改革方案（${Date.now()}）`;
    await page.getByTestId('task-report-1').click();
    const modal = page.getByTestId('task-progress-modal');
    await page.getByTestId('task-progress-report').fill(report);
    await page.screenshot({ path: `${SCREENSHOT_DIR}plan-tasks-report.png` });
    await page.getByRole('button', { name: /OK|确\s*定/ }).click();
    await table.getByText(report).waitFor();
    assert.equal(await modal.count(), 0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}plan-tasks-tasks.png` });

    await page.getByRole('tab', { name: '设施配建标准' }).click();
    const standards = page.getByTestId('plan-standards-table');
    await standards.getByText('相山区').waitFor();
    assert.ok((await standards.getByText('养老服务设施面积（㎡/百户）').count()) >= 2);
    await page.screenshot({ path: `${SCREENSHOT_DIR}plan-tasks-standards.png`, fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
