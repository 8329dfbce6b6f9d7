/**
 * Browser tests of the filing workflow, the Excel intake and the public register (Chromium via playwright-core,
 * 1366×768), done as the users would do them:
 *
 *  - a civil-affairs clerk downloads the people template, uploads a CSV with one bad row and reads the row's reason
 *    in Chinese, uploads the corrected file and finds the new people in the people register;
 *  - a care home files (form, documents, submit), the district office receives it and asks for a correction, the
 *    care home resubmits, the office approves, and the public register (no login) lists the care home.
 *
 * Runs against `startTestServer()` (API + built web bundle + demo city). Screenshots: test-results/filing-*.png.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { makeIdNumber } from '../../src/shared/id-number.ts';
import { apiSession, browserSuite, chooseOption, logIn, SCREENSHOT_DIR } from '../helpers/browser-session.ts';
import { startTestServer } from '../helpers/server.ts';

const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const FACILITY_NAME = '康乐养老院东山分院';

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}filing-${name}.png` });
}

/** Confirms the open Popconfirm. */
async function confirm(page: Page): Promise<void> {
  await page
    .locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons .ant-btn-primary')
    .click();
}

async function waitForStatus(page: Page, testId: string, status: string): Promise<void> {
  await page.locator(`[data-testid="${testId}"][data-status="${status}"]`).waitFor();
}

const suite = browserSuite({ start: () => startTestServer() });

/** The same number with its check character replaced by a wrong one. */
function withWrongCheckDigit(idNumber: string): string {
  const wrong = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'].find((c) => c !== idNumber[17])!;
  return idNumber.slice(0, 17) + wrong;
}

describe('Excel intake', () => {
  test('a clerk downloads the people template, fixes the row the server refuses, and finds the new people', async () => {
    const clerkApi = (await apiSession(suite.baseUrl, 'city.civil')).send;
    const townships = await clerkApi('GET', '/api/regions/340603/children');
    assert.equal(townships.status, 200);
    const township = (townships.body!.regions as { code: string }[])[0].code;
    const people = [
      { name: '导入测试甲', idNumber: makeIdNumber('340603', '1946-02-11', 317) },
      { name: '导入测试乙', idNumber: makeIdNumber('340603', '1952-07-23', 428) },
    ];
    const csv = (rows: { name: string; idNumber: string }[]) =>
      ['姓名,身份证号码,居住地区划代码,居住地址,居住情况']
        .concat(rows.map((row) => `${row.name},${row.idNumber},${township},淮北市相山区测试路1号,独居`))
        .join('\r\n') + '\r\n';
    const bad = [people[0], { ...people[1], idNumber: withWrongCheckDigit(people[1].idNumber) }];

    const { context, page, pageErrors } = await suite.newPage({ acceptDownloads: true });
    try {
      await logIn(page, 'city.civil');
      await page.getByRole('link', { name: '数据导入' }).click();
      await page.getByTestId('intake-page').waitFor();
      await page.getByTestId('intake-kind').getByText('人员信息').click();

      // The template downloads as an xlsx named after the kind.
      const download = page.waitForEvent('download');
      await page.getByTestId('intake-template').click();
      const template = await download;
      assert.match(template.suggestedFilename(), /人员信息.*\.xlsx$/);
      assert.equal(await template.failure(), null);

      // A CSV with one wrong check digit: nothing is imported, the row and its Chinese reason are shown.
      const upload = page.getByTestId('intake-upload').locator('input[type=file]');
      await upload.setInputFiles({
        name: '人员-有误.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv(bad)),
      });
      const rejected = page.locator('[data-testid="intake-result"][data-status="rejected"]');
      await rejected.waitFor();
      const problems = page.getByTestId('intake-problems');
      const problemRow = problems.locator('tr', { hasText: '导入测试乙' });
      await problemRow.waitFor();
      assert.match(await problemRow.innerText(), /^3\b/);
      assert.match(await problemRow.innerText(), /「身份证号码」校验位不正确/);
      assert.equal(await problems.locator('tbody tr.ant-table-row').count(), 1);
      assert.match(await rejected.innerText(), /2 行中有 1 行有误，整个文件未导入/);
      const resultFile = page.waitForEvent('download');
      await page.getByTestId('intake-result-download').click();
      assert.match((await resultFile).suggestedFilename(), /^导入结果-\d+\.xlsx$/);
      await screenshot(page, 'intake-rejected');

      // The corrected file goes through.
      await page.getByTestId('intake-again').click();
      await upload.setInputFiles({
        name: '人员.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv(people)),
      });
      const done = page.locator('[data-testid="intake-result"][data-status="done"]');
      await done.waitFor();
      assert.match(await done.innerText(), /新增 2 条/);
      await screenshot(page, 'intake-done');

      // The export button downloads the people list of the selected region (淮北市).
      const exported = page.waitForEvent('download');
      await page.getByTestId('export-people').click();
      assert.equal((await exported).suggestedFilename(), '人员名单-3406.xlsx');

      // The new people are in the people register.
      await page.getByRole('link', { name: /(^|\s)人员$/ }).click();
      await page.getByTestId('people-page').waitFor();
      await page.getByTestId('filter-name').fill('导入测试');
      await page.getByTestId('filter-name').press('Enter');
      for (const person of people) {
        await page.getByTestId('people-table').getByText(person.name).waitFor();
      }
      await screenshot(page, 'intake-people');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } catch (error) {
      await screenshot(page, 'failure-intake').catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  });
});

describe('filing workflow and public register', () => {
  test('a care home files, the district office asks for a correction and approves, the public sees it', async () => {
    // The care home opens a second house, registered in the facility registry (not what this test is about).
    const providerApi = (await apiSession(suite.baseUrl, 'provider.demo')).send;
    const facility = await providerApi('POST', '/api/provider/facilities', {
      name: FACILITY_NAME,
      facilityType: 'care_home',
      ownership: 'private',
      address: '淮北市相山区东山路8号',
      regionCode: '340603',
    });
    assert.equal(facility.status, 201, JSON.stringify(facility.body));

    const provider = await suite.newPage({ acceptDownloads: true });
    const officer = await suite.newPage({ acceptDownloads: true });
    const anonymous = await suite.newPage({ acceptDownloads: true });
    let filingId = '';
    try {
      // ── The provider prepares the filing: the form the server's schema asks for, saved as a draft.
      const p = provider.page;
      await logIn(p, 'provider.demo');
      await p.getByRole('link', { name: '备案申报' }).click();
      await p.getByTestId('my-filings-page').waitFor();
      await p.getByTestId('filing-new').click();
      await p.getByTestId('filing-form').waitFor();
      // Choosing the facility carries its name and address over into the form.
      await chooseOption(p, 'filing-facility', `${FACILITY_NAME}（养老机构）`);
      await p.getByTestId('filing-section-basic').waitFor();
      assert.equal(await p.getByTestId('field-name').inputValue(), FACILITY_NAME);

      // Saving an empty form shows the client-side hints on the inputs.
      await p.getByTestId('filing-save').click();
      await p.locator('.ant-form-item-explain-error').first().waitFor();

      await p.getByTestId('field-legalRepresentative').fill('陈立');
      await p.getByTestId('field-floorAreaM2').fill('3200');
      await p.getByTestId('field-premisesTenure').getByText('租赁').click();
      await p.getByTestId('field-beds.total').fill('120');
      await p.getByTestId('field-beds.nursingType').fill('80');
      await p.getByTestId('field-beds.fullCare').fill('40');
      await p.getByTestId('field-beds.dayCare').fill('10');
      await p.getByTestId('field-residentTypes').getByText('自理').click();
      await p.getByTestId('field-residentTypes').getByText('失能', { exact: true }).click();
      await chooseOption(p, 'field-fireSafety', '消防验收合格');
      await chooseOption(p, 'field-foodLicence', '委托供餐');
      await p.getByTestId('field-liabilityInsurance').click();
      // The first resident moved in a few days ago: the 10-working-day filing deadline runs from then.
      const admitted = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
      await p.getByTestId('field-firstAdmissionDate').click();
      await p.getByTestId('field-firstAdmissionDate').fill(admitted);
      await p.getByTestId('field-firstAdmissionDate').press('Enter');
      for (const [fee, min, max] of [
        ['bed', '800', '1500'],
        ['nursing', '300', '2500'],
        ['meals', '600', '900'],
      ]) {
        await p.getByTestId(`field-fees.${fee}.min`).fill(min);
        await p.getByTestId(`field-fees.${fee}.max`).fill(max);
      }
      await screenshot(p, 'provider-form');
      await p.getByTestId('filing-save').click();

      // The draft: documents still missing, so submitting is refused with the server's reasons.
      await waitForStatus(p, 'my-filing-page', 'draft');
      filingId = (await p.getByTestId('my-filing-page').getAttribute('data-filing-id')) ?? '';
      assert.match(filingId, /^\d+$/);
      assert.equal(await p.getByTestId('value-legalRepresentative').innerText(), '陈立');
      await p.getByTestId('filing-action-submit').click();
      await confirm(p);
      const refused = p.getByTestId('filing-action-error');
      await refused.waitFor();
      assert.equal(await refused.getAttribute('data-error-code'), 'filing_incomplete');
      assert.match(await refused.innerText(), /备案书：缺少必需的材料/);

      // Upload the five required documents (read in the browser, sent as base64); the checklist fills up.
      const required = [
        'filing_form',
        'commitment',
        'registration_certificate',
        'premises_proof',
        'fire_safety',
      ];
      for (const type of required) {
        const chooser = p.waitForEvent('filechooser');
        await p.getByTestId('document-upload').click();
        await (
          await chooser
        ).setFiles({ name: `${type}.pdf`, mimeType: 'application/pdf', buffer: TINY_PDF });
        await p.locator(`[data-testid="required-${type}"][data-present="true"]`).waitFor();
      }
      assert.equal(await p.getByTestId('filing-documents').locator('tbody tr.ant-table-row').count(), 5);
      await screenshot(p, 'provider-draft');

      await p.getByTestId('filing-action-submit').click();
      await confirm(p);
      await waitForStatus(p, 'my-filing-page', 'submitted');
      await p.getByTestId('filing-deadlines').getByText('收住首位老人后备案').waitFor();
      assert.match(await p.getByTestId('filing-deadlines').innerText(), /已办结/);

      // ── The district office: the inbox with its deadline columns, the filing's data and documents.
      const o = officer.page;
      await logIn(o, 'xiangshan.civil');
      await o.getByRole('link', { name: '备案审查' }).click();
      await o.getByTestId('filing-inbox-page').waitFor();
      await o.getByTestId('filing-alerts').waitFor();
      const row = o
        .getByTestId('inbox-table')
        .locator('tr', { has: o.getByTestId(`inbox-link-${filingId}`) });
      await row.waitFor();
      assert.match(await row.innerText(), /已提交/);
      assert.match(await o.getByTestId('inbox-table').locator('thead').innerText(), /当前期限/);
      assert.match(await row.getByTestId('inbox-deadline').innerText(), /收住首位老人后备案/);
      await screenshot(o, 'officer-inbox');
      await o.getByTestId(`inbox-link-${filingId}`).click();
      await waitForStatus(o, 'review-filing-page', 'submitted');
      assert.equal(await o.getByTestId('value-legalRepresentative').innerText(), '陈立');
      const download = o.waitForEvent('download');
      await o.getByTestId('document-download-filing_form').click();
      assert.equal((await download).suggestedFilename(), 'filing_form.pdf');

      // Receive, then ask for a correction: the reasons are required.
      await o.getByTestId('filing-action-receive').click();
      await confirm(o);
      await waitForStatus(o, 'review-filing-page', 'received');
      await o.getByTestId('filing-action-request_correction').click();
      await o.getByTestId('reasons-submit').click();
      await o.getByText('请填写理由').waitFor();
      const reasons = '请补充消防验收意见书的完整扫描件';
      await o.getByTestId('reasons-input').fill(reasons);
      await o.getByTestId('reasons-submit').click();
      await waitForStatus(o, 'review-filing-page', 'correction_requested');
      assert.match(await o.getByTestId('filing-history').innerText(), new RegExp(reasons));
      await screenshot(o, 'officer-correction');

      // ── The provider sees the reasons and resubmits.
      await p.reload();
      await waitForStatus(p, 'my-filing-page', 'correction_requested');
      assert.match(await p.getByTestId('correction-reasons').innerText(), new RegExp(reasons));
      const chooser = p.waitForEvent('filechooser');
      await chooseOption(p, 'document-type', '消防证明');
      await p.getByTestId('document-upload').click();
      await (
        await chooser
      ).setFiles({ name: '消防验收意见书.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
      await p.getByTestId('filing-documents').getByText('消防验收意见书.pdf').waitFor();
      await screenshot(p, 'provider-correction');
      await p.getByTestId('filing-action-resubmit').click();
      await confirm(p);
      await waitForStatus(p, 'my-filing-page', 'submitted');

      // ── The office receives the corrected filing and approves it: a filing number is drawn.
      await o.reload();
      await waitForStatus(o, 'review-filing-page', 'submitted');
      await o.getByTestId('filing-action-receive').click();
      await confirm(o);
      await waitForStatus(o, 'review-filing-page', 'received');
      await o.getByTestId('filing-action-approve').click();
      await confirm(o);
      await waitForStatus(o, 'review-filing-page', 'approved');
      const filingNumber = (await o.getByTestId('filing-number').innerText()).trim();
      assert.ok(filingNumber.length > 3 && filingNumber !== '—', `a filing number, got "${filingNumber}"`);
      await screenshot(o, 'officer-approved');

      // ── The public register, without logging in, reached from the login page.
      const a = anonymous.page;
      await a.goto('/login');
      await a.getByTestId('login-public-filings').click();
      await a.waitForURL((url) => url.pathname === '/public/filings');
      const card = a.locator(`[data-testid="public-provider"][data-filing-number="${filingNumber}"]`);
      await card.waitFor();
      assert.match(await card.innerText(), new RegExp(FACILITY_NAME));
      assert.match(await card.innerText(), /床位 120 张/);
      // Search by name and filter by type keep it; another type does not.
      await a.getByTestId('public-search').fill('东山分院');
      await a.getByTestId('public-search').press('Enter');
      await a.waitForURL((url) => url.searchParams.get('q') === '东山分院');
      await card.waitFor();
      await chooseOption(a, 'public-type', '托育机构');
      await a.waitForURL((url) => url.searchParams.get('type') === 'childcare_institution');
      await a.getByText('没有符合条件的已备案机构').waitFor();
      await chooseOption(a, 'public-type', '养老机构');
      await card.waitFor();
      await chooseOption(a, 'public-county', '相山区');
      await a.waitForURL((url) => url.searchParams.get('region') === '340603');
      await card.waitFor();
      await a.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
      await screenshot(a, 'public');

      for (const session of [provider, officer, anonymous]) {
        assert.deepEqual(session.pageErrors, [], 'no uncaught errors in the page');
      }
    } catch (error) {
      await screenshot(provider.page, 'failure-provider').catch(() => {});
      await screenshot(officer.page, 'failure-officer').catch(() => {});
      await screenshot(anonymous.page, 'failure-public').catch(() => {});
      throw error;
    } finally {
      await provider.context.close();
      await officer.context.close();
      await anonymous.context.close();
    }
  });
});
