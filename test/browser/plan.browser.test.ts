/**
 * Browser test of the plan dashboard (规划监测, Chromium via playwright-core, 1366×768), as issue 4's "Done means"
 * reads: 淮北's plan shows all 25 indicators with the 2020 values reproduced from the demo city's records (beds 8,554;
 * nursing-type share 52.9%; places per 1,000 residents 0.95 flagged against the published 0.56), targets, gaps and
 * statuses, the yearly places the plan schedules, and the regions below; then a civil-affairs officer changes a care
 * home's beds on its facility page and sees the indicator, the gap and the status move on the plan page.
 *
 * Runs against `startTestServer()` with the full demo city (what `npm start` loads), or LAOYOU_BASE_URL. Screenshots go to
 * test-results/plan-*.png.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { loadDemoCity } from '../../src/demo/demo-city.ts';
import { makeDevelopmentKeys } from '../../src/shared/personal-data.ts';
import { browserTarget } from '../helpers/browser.ts';
import { apiSession, browserSuite, HOME, logIn, SCREENSHOT_DIR } from '../helpers/browser-session.ts';
import { startTestServer } from '../helpers/server.ts';

async function openPlan(page: Page): Promise<void> {
  await page.locator('.ant-pro-sider').getByText('规划', { exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/plan');
  await indicatorRows(page).first().waitFor();
}

const indicatorRows = (page: Page) => page.locator('[data-testid="plan-indicators"] tr[data-indicator]');
const row = (page: Page, key: string) =>
  page.locator(`[data-testid="plan-indicators"] tr[data-indicator="${key}"]`);
const valueOf = async (page: Page, key: string) =>
  page.getByTestId(`plan-value-${key}`).getAttribute('data-value');

async function setDate(page: Page, date: string): Promise<void> {
  const input = page.getByTestId('plan-date');
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await input.blur();
  await page.waitForURL((url) => url.searchParams.get('date') === date);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}plan-${name}.png` });
}

describe('plan dashboard (browser)', () => {
  const suite = browserSuite({
    start: async () => {
      if (process.env.LAOYOU_BASE_URL) return browserTarget();
      // The figures the plan quotes (8,554 beds in 2020) are the full demo city's, which `npm start` loads; the
      // small test demo is a sample of it.
      const server = await startTestServer({ demo: false });
      await loadDemoCity(server.database.db, makeDevelopmentKeys());
      return server;
    },
  });

  test("淮北's plan shows its 25 indicators with 2020 values from records, targets, gaps, statuses and yearly places", async () => {
    const { context, page, pageErrors } = await suite.newPage();
    try {
      // The planning commission sees both departments' indicators.
      await logIn(page, 'city.planning', { landsOn: HOME });
      await openPlan(page);
      await setDate(page, '2020-12-31');
      await page.locator('[data-testid="plan-value-elderly_beds"][data-value="8554"]').waitFor();
      assert.equal(await indicatorRows(page).count(), 25);
      assert.match(await page.getByTestId('plan-select').innerText(), /淮北市/);

      const beds = row(page, 'elderly_beds');
      assert.match(await beds.innerText(), /养老床位数/);
      assert.match(await page.getByTestId('plan-value-elderly_beds').innerText(), /8,554/);
      assert.match(await page.getByTestId('plan-target-elderly_beds').innerText(), /10,000/);
      assert.match(await page.getByTestId('plan-gap-elderly_beds').innerText(), /1,446/);
      assert.equal(await beds.getAttribute('data-status'), 'on_track');
      assert.match(await page.getByTestId('plan-to-add-elderly_beds').innerText(), /1,446/);

      assert.match(await page.getByTestId('plan-value-nursing_bed_share').innerText(), /52\.9/);
      assert.match(await page.getByTestId('plan-target-nursing_bed_share').innerText(), /55/);

      // Computed 0.95 places per 1,000 residents against the plan's published 0.56: both shown, the gap flagged.
      const places = page.getByTestId('plan-published-childcare_places_per_1000');
      assert.match(await page.getByTestId('plan-value-childcare_places_per_1000').innerText(), /0\.95/);
      assert.equal(await places.getAttribute('data-differs'), 'true');
      assert.match(await places.innerText(), /0\.56/);
      assert.match(await places.innerText(), /与公布值不一致\s*\+0\.39/);
      assert.match(await page.getByTestId('plan-target-childcare_places_per_1000').innerText(), /5\.04/);

      // Every indicator carries a status, coloured; those no record computes say so.
      const statuses = await page
        .locator('[data-testid="plan-indicators"] [data-testid="plan-status"]')
        .allInnerTexts();
      assert.equal(statuses.length, 25);
      assert.ok(statuses.every((text) => /已达标|进展正常|存在风险|滞后|无数据|不适用/.test(text)));
      await screenshot(page, 'indicators-2020');

      // A note the plan's table carries (here the compilers' remark on 淮北's beds) is shown on hover beside the name.
      const note = page.getByTestId('plan-note-elderly_beds');
      await note.scrollIntoViewIfNeeded();
      await note.hover();
      await page.getByRole('tooltip').getByText('养老床位突破10000张', { exact: false }).waitFor();
      await screenshot(page, 'indicator-note');

      // Drill-down from the number to the districts and the facilities behind it.
      await page.getByTestId('plan-value-childcare_places_per_1000').getByTestId('plan-drill').click();
      const drawer = page.getByTestId('plan-drill-drawer');
      await drawer.getByTestId('drill-region-340603').waitFor();
      assert.match(await drawer.getByTestId('drill-regions').innerText(), /1,970,265/);
      await drawer.locator('[data-testid="drill-records"] a').first().waitFor();
      await screenshot(page, 'drill');
      await page.keyboard.press('Escape');

      // The regions below, coloured by an indicator.
      await page.getByRole('tab', { name: '地区分布' }).click();
      await page.getByTestId('regions-chart').waitFor();
      assert.equal(await page.locator('[data-testid="regions-table"] tbody tr.ant-table-row').count(), 4);
      await screenshot(page, 'regions');

      // The yearly places the plan schedules: 2,664 / 2,000 / 2,200 / 800 / 500.
      await page.getByRole('tab', { name: '建设缺口' }).click();
      const schedule = page.getByTestId('schedule-table-childcare_places');
      await schedule.waitFor();
      const text = await schedule.innerText();
      for (const added of ['2,664', '2,000', '2,200', '800', '500']) assert.match(text, new RegExp(added));
      await screenshot(page, 'gaps');

      await page.getByRole('tab', { name: '时间趋势' }).click();
      await page.getByTestId('series-chart').waitFor();
      await page.getByTestId('series-table').waitFor();
      await screenshot(page, 'series');
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test("a care home's new beds move the nursing-type share, its gap and its status on the plan page", async () => {
    const civil = (await apiSession(suite.baseUrl, 'city.civil')).get;
    const { context, page, pageErrors } = await suite.newPage();
    try {
      await logIn(page, 'city.civil', { landsOn: HOME });
      await openPlan(page);
      const share = row(page, 'nursing_bed_share');
      const before = {
        share: await valueOf(page, 'nursing_bed_share'),
        beds: Number(await valueOf(page, 'elderly_beds')),
        gap: await page.getByTestId('plan-gap-nursing_bed_share').getAttribute('data-value'),
        status: await share.getAttribute('data-status'),
      };
      const { plans } = await civil('/api/plans');
      const evaluation = await civil(`/api/plans/${plans[0].id}/evaluation`);
      const nursing = evaluation.indicators.find((i: any) => i.key === 'nursing_bed_share');
      assert.equal(Number(before.share), nursing.value);
      // Enough new beds, none of them nursing-type, to bring the share under half.
      const added = Math.ceil(nursing.numerator / 0.49) - nursing.denominator;
      const expected = Math.round((nursing.numerator / (nursing.denominator + added)) * 1000) / 10;

      // The officer opens the largest care home from the drill-down and records its new beds.
      await page.getByTestId('plan-value-elderly_beds').getByTestId('plan-drill').click();
      const first = page.locator('[data-testid="drill-records"] a[data-testid^="drill-facility-"]').first();
      await first.waitFor();
      const facilityId = (await first.getAttribute('data-testid'))!.replace('drill-facility-', '');
      const facility = await civil(`/api/facilities/${facilityId}`);
      await first.click();
      await page.waitForURL((url) => url.pathname === `/providers/facilities/${facilityId}`);
      await page.getByTestId('capacity-record').click();
      const beds = page.locator('.ant-modal #bedsTotal');
      await beds.fill(String(facility.current.bedsTotal + added));
      await page.locator('.ant-modal .ant-btn-primary').click();
      await page.locator('.ant-modal').waitFor({ state: 'detached' });

      // The facility page left its village selected in the region tree: back to the whole city.
      await openPlan(page);
      await page.locator('.ant-pro-sider').getByText('淮北市', { exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('region') === '3406');
      await page
        .locator(`[data-testid="plan-value-elderly_beds"][data-value="${before.beds + added}"]`)
        .waitFor();
      assert.equal(Number(await valueOf(page, 'nursing_bed_share')), expected);
      assert.notEqual(await valueOf(page, 'nursing_bed_share'), before.share);
      assert.notEqual(
        await page.getByTestId('plan-gap-nursing_bed_share').getAttribute('data-value'),
        before.gap,
      );
      // Below the 55% target after 2025: the target year has ended unmet.
      assert.equal(await share.getAttribute('data-status'), 'off_track');
      assert.notEqual(before.status, 'off_track');
      assert.match(await share.innerText(), /滞后/);
      await screenshot(page, 'after-beds-change');
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
});
