/**
 * Browser tests of the government registry pages (Chromium via playwright-core, 1366×768):
 * 人员 (people list, filters, detail, create form with the server's field errors), 机构与设施 (facility capacity
 * history and capacity as of a date), 人口统计 (figures of a region and its subdivisions with consistency warnings),
 * and the health commission seeing childcare facilities only.
 *
 * Runs against `startTestServer()` (API + built web bundle + demo city), or against an already running instance when
 * LAOYOU_BASE_URL is set. The records the pages show are entered first through the API, as officers would.
 * Screenshots go to test-results/registries-*.png.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { makeIdNumber } from '../../src/shared/id-number.ts';
import { makeUscc } from '../../src/shared/uscc.ts';
import {
  apiSession,
  browserSuite,
  chooseOption,
  HOME,
  logIn,
  SCREENSHOT_DIR,
} from '../helpers/browser-session.ts';

const MASKED_ID = /^\d{6}\*{8}\d{3}[\dX]$/;
const NEW_PERSON = { name: '测试登记老人', birthDate: '1950-03-08' };
const NEW_ID_NUMBER = makeIdNumber('340603', NEW_PERSON.birthDate, 517);
/** The same number with another check character: well formed, but the server must refuse it. */
const WRONG_ID_NUMBER = NEW_ID_NUMBER.slice(0, 17) + (NEW_ID_NUMBER[17] === '1' ? '2' : '1');
const CHILDCARE_TYPES = ['托育机构', '幼儿园托班', '社区托育点', '家庭托育点'];

const seeded = { extremePoverty: [] as string[], careHome: 0 };
const SEEDED_NAME = '甄测试';

/**
 * What the pages are about, entered through the API: conditions on three elders, a care home whose beds grew from
 * 120 to 200 on 2024-01-01, two childcare facilities, and 2024 population figures whose districts do not add up to
 * the city's own figure.
 */
async function seed(): Promise<void> {
  const civil = (await apiSession(suite.baseUrl, 'city.civil')).call;
  const health = (await apiSession(suite.baseUrl, 'city.health')).call;

  // Three elders of the test's own (the demo city has 特困 persons of its own), found by their shared name.
  const elders = [];
  for (const [index, given] of ['一', '二', '三'].entries()) {
    elders.push(
      await civil('POST', '/api/people', {
        regionCode: '340603',
        name: `${SEEDED_NAME}${given}`,
        idNumber: makeIdNumber('340603', `194${index}-03-0${index + 1}`, 600 + index),
      }),
    );
  }
  for (const elder of elders) {
    await civil('POST', `/api/people/${elder.id}/conditions`, {
      kind: 'extreme_poverty',
      validFrom: '2023-01-01',
    });
    seeded.extremePoverty.push(elder.name);
  }
  await civil('POST', `/api/people/${elders[0].id}/conditions`, {
    kind: 'minimum_living_allowance',
    validFrom: '2019-01-01',
    validTo: '2023-01-01',
  });

  const { organisations } = await civil('GET', '/api/organisations?region=3406');
  const home = await civil('POST', '/api/facilities', {
    regionCode: '340603',
    organisationId: organisations[0].id,
    name: '康乐养老院（本部）',
    facilityType: 'care_home',
    ownership: 'private',
    address: '淮北市相山区康乐路1号',
  });
  seeded.careHome = home.id;
  await civil('POST', `/api/facilities/${home.id}/capacity`, {
    validFrom: '2021-01-01',
    operatingStatus: 'operating',
    bedsTotal: 120,
    bedsNursing: 60,
  });
  await civil('POST', `/api/facilities/${home.id}/capacity`, { validFrom: '2024-01-01', bedsTotal: 200 });

  const nurseryOwner = await health('POST', '/api/organisations', {
    regionCode: '340603',
    uscc: makeUscc('52340603MJC00001Q'),
    name: '淮北市相山区小星星托育中心',
    ownership: 'private',
  });
  for (const [organisationId, name, facilityType] of [
    [nurseryOwner.id, '小星星托育中心', 'childcare_institution'],
    [organisations[0].id, '康乐社区托育点', 'community_childcare_point'],
  ]) {
    const facility = await health('POST', '/api/facilities', {
      regionCode: '340603',
      organisationId,
      name,
      facilityType,
      ownership: 'private',
      address: '淮北市相山区孟山路8号',
    });
    await health('POST', `/api/facilities/${facility.id}/capacity`, {
      validFrom: '2023-09-01',
      operatingStatus: 'operating',
      placesMixed: 20,
    });
  }

  const total = (count: number) => ({
    basis: 'resident',
    sex: 'total',
    ageFrom: 0,
    ageTo: null,
    count,
    source: 'yearly_statistics',
  });
  await civil('PUT', '/api/population/figures', {
    regionCode: '3406',
    year: 2024,
    figures: [total(1_942_000)],
  });
  for (const [code, count] of [
    ['340602', 352_000],
    ['340603', 620_000],
    ['340604', 330_000],
    ['340621', 638_000],
  ] as const) {
    await civil('PUT', '/api/population/figures', { regionCode: code, year: 2024, figures: [total(count)] });
  }
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}registries-${name}.png` });
}

async function openMenu(page: Page, label: string, path: string): Promise<void> {
  await page.locator('.ant-pro-sider').getByText(label, { exact: true }).click();
  await page.waitForURL((url) => url.pathname === path);
}

/** Types a date into the antd DatePicker with this test id (the id sits on its input). */
async function setDate(page: Page, testId: string, date: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await input.blur();
  await page
    .locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => {});
}

/** The first column of a table's rows once its current request has been answered (aria-busy false). */
async function tableNames(page: Page, testId: string): Promise<string[]> {
  const table = page.getByTestId(testId);
  await table.locator('table[aria-busy="false"]').waitFor();
  await table.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
  return table.locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
}

const suite = browserSuite({ setUp: seed });

describe('registry pages', () => {
  test('civil-affairs officer filters people by condition, opens a record, and registers a person; the server refuses a wrong ID check digit on the ID field', async () => {
    const { context, page, pageErrors } = await suite.newPage();
    try {
      await logIn(page, 'city.civil', { landsOn: HOME });
      await openMenu(page, '人员', '/people');
      assert.ok((await tableNames(page, 'people-table')).length > 0, 'the people of 淮北市 are listed');

      // Only the people with a live 特困 condition remain after filtering by it.
      const filtered = page.waitForResponse((response) =>
        response.url().includes('condition=extreme_poverty'),
      );
      await chooseOption(page, 'filter-condition', '特困人员');
      await filtered;
      const byName = page.waitForResponse((response) => response.url().includes('name='));
      await page.getByTestId('filter-name').fill(SEEDED_NAME);
      await page.getByTestId('filter-name').press('Enter');
      await byName;
      const names = await tableNames(page, 'people-table');
      assert.deepEqual([...names].sort(), [...seeded.extremePoverty].sort());
      const ids = await page
        .getByTestId('people-table')
        .locator('tbody tr.ant-table-row td:nth-child(4)')
        .allInnerTexts();
      for (const id of ids) assert.match(id.trim(), MASKED_ID, 'ID numbers are shown masked');
      await screenshot(page, 'people-filtered');

      // The detail page: masked ID number, and the condition with its history (the ended 低保 stays listed).
      await page
        .getByTestId('people-table')
        .getByText(seeded.extremePoverty[0], { exact: true })
        .first()
        .click();
      await page.waitForURL((url) => /^\/people\/\d+$/.test(url.pathname));
      await page.getByTestId('person-detail').waitFor();
      assert.equal(await page.getByTestId('person-name').innerText(), seeded.extremePoverty[0]);
      assert.match((await page.getByTestId('person-id-number').innerText()).trim(), MASKED_ID);
      const conditions = page.getByTestId('conditions-table');
      await conditions.getByText('特困人员', { exact: true }).waitFor();
      await conditions.getByText('当前有效', { exact: true }).waitFor();
      await conditions.getByText('已结束', { exact: true }).waitFor();
      await screenshot(page, 'person-detail');

      // Register a person: the server's 400 on the ID number shows on the ID number field.
      await openMenu(page, '人员', '/people');
      await page.getByTestId('person-create').click();
      await page.waitForURL((url) => url.pathname === '/people/new');
      await page.getByTestId('field-name').fill(NEW_PERSON.name);
      await page.getByTestId('field-idNumber').fill(WRONG_ID_NUMBER);
      await page.getByTestId('field-address').fill('淮北市相山区测试路1号');
      const refused = page.waitForResponse(
        (response) => response.url().endsWith('/api/people') && response.request().method() === 'POST',
      );
      await page.getByTestId('person-submit').click();
      assert.equal((await refused).status(), 400, 'the server refuses the wrong check digit');
      const idField = page.locator('.ant-form-item').filter({ has: page.getByTestId('field-idNumber') });
      await idField.locator('.ant-form-item-explain-error').getByText('身份证号码校验位不正确').waitFor();
      assert.equal(new URL(page.url()).pathname, '/people/new', 'the form stays open');
      await screenshot(page, 'person-id-error');

      // Fixed, the person is registered (sex and birth date follow from the number) and found in the list.
      await page.getByTestId('field-idNumber').fill(NEW_ID_NUMBER);
      const created = page.waitForResponse(
        (response) => response.url().endsWith('/api/people') && response.request().method() === 'POST',
      );
      await page.getByTestId('person-submit').click();
      assert.equal((await created).status(), 201);
      await page.waitForURL((url) => /^\/people\/\d+$/.test(url.pathname));
      assert.equal(await page.getByTestId('person-name').innerText(), NEW_PERSON.name);
      assert.match((await page.getByTestId('person-id-number').innerText()).trim(), MASKED_ID);

      await openMenu(page, '人员', '/people');
      await page.getByTestId('filter-reset').click();
      await page.getByTestId('filter-name').fill(NEW_PERSON.name);
      const searched = page.waitForResponse((response) => response.url().includes('name='));
      await page.getByTestId('filter-name').press('Enter');
      await searched;
      assert.deepEqual(await tableNames(page, 'people-table'), [NEW_PERSON.name]);
      const row = page.getByTestId('people-table').locator('tbody tr.ant-table-row').first();
      assert.match(await row.innerText(), new RegExp(NEW_PERSON.birthDate));
      assert.match((await row.locator('td:nth-child(4)').innerText()).trim(), MASKED_ID);
      await screenshot(page, 'people-new-listed');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } catch (error) {
      await screenshot(page, 'failure-people').catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  });

  test('a facility shows its capacity history, and its capacity as of an earlier date is the figure of that time', async () => {
    const { context, page, pageErrors } = await suite.newPage();
    try {
      await logIn(page, 'city.civil', { landsOn: HOME });
      await openMenu(page, '机构与设施', '/providers');
      // The demo city lists many facilities; the test's own care home is opened by its address.
      await page.getByTestId('facilities-table').waitFor();
      await page.goto(`${suite.baseUrl}/providers/facilities/${seeded.careHome}`);
      await page.waitForURL((url) => url.pathname === `/providers/facilities/${seeded.careHome}`);

      const history = page.getByTestId('capacity-history');
      await history.locator('tbody tr.ant-table-row').nth(1).waitFor();
      assert.equal(await history.locator('tbody tr.ant-table-row').count(), 2, 'two periods');
      assert.match(await history.innerText(), /2021-01-01 ~ 2023-12-31/);
      await page.getByTestId('capacity-chart').waitFor();
      const headline = page.getByTestId('capacity-asof-headline');
      assert.equal(await headline.getAttribute('data-value'), '200', 'today: 200 beds');
      await screenshot(page, 'facility-today');

      await setDate(page, 'capacity-asof-date', '2023-06-01');
      await page.locator('[data-testid="capacity-asof-headline"][data-value="120"]').waitFor();
      assert.match(await page.getByTestId('capacity-asof').innerText(), /120/);
      assert.match(await page.getByTestId('capacity-asof').innerText(), /2021-01-01/);
      await screenshot(page, 'facility-2023');

      // The region's summary as of a date comes from the server and changes with the date too.
      await openMenu(page, '机构与设施', '/providers');
      // The demo city's own facilities count too, so the test asks only that the date changes the answer.
      const summaryBeds = page.getByTestId('summary-beds');
      await summaryBeds.waitFor();
      const today = await summaryBeds.innerText();
      const asOf = page.waitForResponse((response) => response.url().includes('asOf=2023-06-01'));
      await setDate(page, 'capacity-summary-asof', '2023-06-01');
      await asOf;
      await page.waitForFunction(
        (before) => document.querySelector('[data-testid="summary-beds"]')?.textContent !== before,
        today,
      );
      await screenshot(page, 'providers-summary-2023');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } catch (error) {
      await screenshot(page, 'failure-facility').catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  });

  test('the population page shows the figures of the city and its districts, and a warning where they do not add up', async () => {
    const { context, page, pageErrors } = await suite.newPage();
    try {
      await logIn(page, 'city.civil', { landsOn: HOME });
      await openMenu(page, '人口统计', '/population');
      const figures = page.getByTestId('population-figures');
      await figures.getByText('1,942,000').waitFor();
      for (const count of ['352,000', '620,000', '330,000', '638,000', '1,940,000']) {
        await figures.getByText(count, { exact: true }).waitFor();
      }
      const warning = page.getByTestId('population-warning').first();
      await warning.waitFor();
      assert.equal(await warning.getAttribute('data-warning-code'), 'children_sum_differs');
      assert.ok(
        await warning.evaluate((node) => node.classList.contains('ant-alert-warning')),
        'a warning, not an error',
      );
      assert.match(await warning.innerText(), /1940000|1,940,000/);
      assert.equal(await page.locator('.ant-alert-error').count(), 0);
      await screenshot(page, 'population');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } catch (error) {
      await screenshot(page, 'failure-population').catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  });

  test('the health-commission officer sees childcare facilities only', async () => {
    const { context, page, pageErrors } = await suite.newPage();
    try {
      await logIn(page, 'city.health', { landsOn: HOME });
      await openMenu(page, '机构与设施', '/providers');
      const names = await tableNames(page, 'facilities-table');
      assert.ok(names.length > 0, 'childcare facilities are listed');
      assert.ok(!names.includes('康乐养老院（本部）'), 'the care home is not listed');
      const types = await page.getByTestId('facilities-table').getByTestId('facility-type').allInnerTexts();
      assert.ok(
        types.length > 0 && types.every((type) => CHILDCARE_TYPES.includes(type.trim())),
        types.join(),
      );
      assert.equal(await page.getByTestId('facilities-table').getByText('康乐养老院（本部）').count(), 0);
      await page.getByTestId('summary-places').waitFor();
      assert.equal(await page.getByTestId('summary-beds').count(), 0, 'no elderly-care beds in the summary');
      await screenshot(page, 'providers-health');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } catch (error) {
      await screenshot(page, 'failure-health').catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  });
});
