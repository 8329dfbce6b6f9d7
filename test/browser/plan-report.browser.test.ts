/**
 * Browser test of the plan page's report buttons (Chromium via playwright-core, 1366×768): the PDF and Excel
 * reports come in the language the console is showing. A planning officer opens the plan page in Chinese and gets
 * the Chinese report, switches the console to English and gets the English one, in both formats; in English the
 * indicator table names each indicator as the English report does.
 *
 * Runs against `startTestServer()` (the test demo city). Screenshots go to test-results/plan-report-*.png.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import ExcelJS from '../../src/domains/intake/excel.ts';
import { browserSuite, HOME, logIn, SCREENSHOT_DIR } from '../helpers/browser-session.ts';
import { startTestServer } from '../helpers/server.ts';

/** Downloads what a report button links to, with the page's session, and reads it back. */
async function reportOf(page: Page, testId: string) {
  const href = await page.getByTestId(testId).getAttribute('href');
  assert.ok(href, `${testId} links to the report`);
  const reply = await page.request.get(href);
  assert.equal(reply.status(), 200, href);
  return { href, disposition: reply.headers()['content-disposition'] ?? '', body: await reply.body() };
}

async function pdfText(body: Buffer, name: string): Promise<string> {
  const file = `${SCREENSHOT_DIR}${name}`;
  await writeFile(file, body);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function sheetNames(body: Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => sheet.name);
}

describe('plan reports in the console’s language', () => {
  const suite = browserSuite({ start: () => startTestServer() });

  test('the report buttons download the report in Chinese, then in English once the console is English', async () => {
    const { context, page, pageErrors } = await suite.newPage();
    try {
      await logIn(page, 'city.planning', { landsOn: HOME });
      await page.goto('/plan?date=2020-12-31');
      await page.locator('[data-testid="plan-indicators"] tr[data-indicator]').first().waitFor();
      await page.screenshot({ path: `${SCREENSHOT_DIR}plan-report-zh-CN.png` });

      const zhPdf = await reportOf(page, 'plan-report-pdf');
      assert.match(zhPdf.href, /locale=zh-CN/);
      const zhText = await pdfText(zhPdf.body, 'plan-report-zh-CN.pdf');
      assert.match(zhText, /年度评估报告/);
      assert.match(zhText, /2020年12月31日/);
      const zhXlsx = await reportOf(page, 'plan-report-xlsx');
      assert.equal((await sheetNames(zhXlsx.body))[0], '概况');

      await page.getByTestId('language-switch').click();
      await page.getByTestId('language-option-en-US').click();
      await page.waitForFunction(
        () =>
          document
            .querySelector('[data-testid="plan-report-pdf"]')
            ?.getAttribute('href')
            ?.includes('locale=en-US') ?? false,
      );
      await page.getByTestId('language-option-en-US').waitFor({ state: 'hidden' });
      // The table names the indicator as the English report does: the catalogue's name, the plan's words beneath.
      const beds = page.locator('[data-testid="plan-indicators"] tr[data-indicator="elderly_beds"]');
      await beds.getByText('Elderly-care beds', { exact: true }).first().waitFor();
      assert.match(await beds.innerText(), /养老床位/);
      await page.getByTestId('plan-report-pdf').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}plan-report-en-US.png` });

      const enPdf = await reportOf(page, 'plan-report-pdf');
      assert.match(enPdf.disposition, /en-US\.pdf/);
      const enText = await pdfText(enPdf.body, 'plan-report-en-US.pdf');
      assert.match(enText, /Annual evaluation report/);
      assert.match(enText, /Evaluation date: December 31, 2020/);
      assert.doesNotMatch(enText, /年度评估报告/);
      const enXlsx = await reportOf(page, 'plan-report-xlsx');
      assert.match(enXlsx.href, /locale=en-US/);
      assert.deepEqual(await sheetNames(enXlsx.body), [
        'Overview',
        'Indicators',
        'Capacity to build',
        'Yearly plan',
        'Facility standards',
        'Key tasks',
        'Subordinate regions',
      ]);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
