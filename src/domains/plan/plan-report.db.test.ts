import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { logIn, type Session } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { inTransaction } from '../../db/database.ts';
import ExcelJS from '../intake/excel.ts';
import type { FacilityType } from '../providers/facility-types.ts';
import { loadSeedPlans } from './load-plans.ts';
import {
  addCensus2020,
  addFacilityWithCapacity,
  huaibeiPlanId,
  loadPlansOnClearedRecords,
} from './plan-test-support.ts';

/**
 * 淮北's annual evaluation report, from records the test creates (the demo's are cleared): 8,554 beds, 1,869 places
 * among 1,970,265 residents, a 3,000 m² day-care centre. The PDF must carry the Chinese font and read back as
 * Chinese text; the workbook must hold the same figures as numbers; the standards are checked region by region;
 * key tasks are loaded with the plan and take progress reports only from officers of the plan's region. Both
 * formats come in zh-CN and en-US, chosen by the locale parameter or else the reader's Accept-Language.
 */
describe('plan reports, facility standards and key tasks', () => {
  let server: TestServer;
  let civil: Session;
  let health: Session;
  let planning: Session;
  let xiangshan: Session;
  let planId: number;
  const work = mkdtempSync(join(tmpdir(), 'laoyou-report-'));

  before(async () => {
    server = await startTestServer({ web: false });
    const db = server.database.db;
    await loadPlansOnClearedRecords(db);
    planId = await huaibeiPlanId(db);
    await addCensus2020(db, [
      ['3406', 0, null, 1_970_265],
      ['3406', 60, null, 324_394],
      ['340603', 0, null, 591_079],
    ]);
    const facility = (region: string, type: FacilityType, capacity: object) =>
      addFacilityWithCapacity(db, { region, type, ownership: 'public' }, [['2020-01-01', null, capacity]]);
    await facility('340603', 'care_home', { beds_total: 5000, beds_nursing: 3000 });
    await facility('340602', 'care_home', { beds_total: 3554, beds_nursing: 1529 });
    await facility('340603', 'childcare_institution', { places_older_toddler: 1869, places_inclusive: 900 });
    await facility('340603', 'day_care_centre', { floor_area: 3000 });
    civil = await logIn(server.app, 'city.civil');
    health = await logIn(server.app, 'city.health');
    planning = await logIn(server.app, 'city.planning');
    xiangshan = await logIn(server.app, 'xiangshan.civil');
  });
  after(async () => {
    rmSync(work, { recursive: true, force: true });
    await server?.close();
  });

  const download = (session: Session, url: string) =>
    server.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

  it('renders the PDF report with the Chinese font embedded and its text readable', async () => {
    const reply = await download(planning, `/api/plans/${planId}/report.pdf?regionCode=3406&asOf=2020-12-31`);
    assert.equal(reply.statusCode, 200, reply.body.slice(0, 300));
    assert.equal(reply.headers['content-type'], 'application/pdf');
    const pdf = reply.rawPayload;
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    // A subset of the CJK face is embedded (the "ABCDEF+" prefix marks a subset), not the 16 MB collection.
    assert.match(pdf.toString('latin1'), /\/FontName \/[A-Z]{6}\+NotoSansCJKsc-Regular/);
    assert.ok(pdf.length < 1_500_000, `${pdf.length} bytes`);
    const file = join(work, 'report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.match(text, /淮北市“一老一小”整体解决方案/);
    assert.match(text, /养老床位/);
    assert.match(text, /8554/);
    assert.match(text, /0\.95/);
    assert.match(text, /0\.56 ※/, 'the published 0.56 is flagged against the computed 0.95');
    assert.match(text, /提升公益性养老托育服务供给水平/, 'the key tasks are listed');
    assert.match(text, /相山区/, 'the sub-region table names the districts');
    assert.match(text, /2020年12月31日/, 'dates as Chinese readers write them');
    assert.doesNotMatch(text, /Annual evaluation report|Elderly-care beds/);
    const audit = await server.database.db
      .selectFrom('audit_entry')
      .select(['action', 'region_code', 'detail'])
      .where('entity', '=', 'plan_report')
      .execute();
    assert.ok(audit.some((entry) => entry.action === 'export' && (entry.detail as any).format === 'pdf'));
  });

  it('answers 503 with a clear message, never boxes, when no Chinese font can be found', async () => {
    process.env.LAOYOU_REPORT_FONT = '/nonexistent/font.ttc';
    try {
      const reply = await civil.request('GET', `/api/plans/${planId}/report.pdf`);
      assert.equal(reply.status, 503);
      assert.equal(reply.body.error.code, 'report_font_missing');
      assert.match(reply.body.error.message['zh-CN'], /中文字体/);
    } finally {
      delete process.env.LAOYOU_REPORT_FONT;
    }
  });

  it('renders the same evaluation as a workbook, a sheet per section, numbers as numbers', async () => {
    const reply = await download(planning, `/api/plans/${planId}/report.xlsx?region=3406&date=2020-12-31`);
    assert.equal(reply.statusCode, 200, reply.body.slice(0, 300));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(reply.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      workbook.worksheets.map((sheet) => sheet.name),
      ['概况', '指标评估', '建设缺口', '年度计划', '设施配建标准', '重点任务', '下级地区'],
    );
    const indicators = workbook.getWorksheet('指标评估')!;
    const rows = indicators.getSheetValues().slice(2) as unknown[][];
    const beds = rows.find((row) => String(row[2]).startsWith('养老床位'))!;
    assert.equal(beds[8], 8554);
    const places = rows.find((row) => String(row[2]).includes('托位数'))!;
    assert.equal(places[8], 0.95);
    assert.equal(places[9], 0.56);
    assert.equal(places[10], '是');
    assert.equal(workbook.getWorksheet('重点任务')!.rowCount, 14, 'a header and 淮北’s 13 tasks');
    const schedule = workbook.getWorksheet('年度计划')!.getSheetValues().slice(2) as unknown[][];
    assert.deepEqual(
      schedule.map((row) => row[3]),
      [2664, 2000, 2200, 800, 500],
    );
  });

  it('checks the facility standards region by region within the caller’s domain', async () => {
    const reply = await civil.request('GET', `/api/plans/${planId}/standards?region=3406&date=2021-06-30`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body).slice(0, 300));
    const city = reply.body.regions[0];
    assert.equal(city.regionCode, '3406');
    assert.ok(reply.body.regions.some((region: any) => region.regionCode === '340603' && !region.own));
    // 民政 sees the floor-area standards only: 1,970,265 residents / 2.62 per household, 20 m² per 100 households.
    assert.deepEqual(
      city.checks.map((check: any) => [check.measure, check.areaType]),
      [
        ['elderly_space_per_100_households', 'new'],
        ['elderly_space_per_100_households', 'existing'],
      ],
    );
    const existing = city.checks[1];
    assert.equal(existing.required, Math.ceil((20 * 1_970_265) / 2.62 / 100));
    assert.equal(existing.provided, 3000);
    assert.equal(existing.shortfall, existing.required - 3000);
    assert.equal(existing.status, 'not_met');
    const childcare = await health.request('GET', `/api/plans/${planId}/standards?date=2021-06-30`);
    const old = childcare.body.regions[0].checks.find((check: any) => check.areaType === 'existing');
    assert.equal(old.measure, 'childcare_places_per_1000_residents');
    assert.equal(old.required, 15_763);
    assert.equal(old.shortfall, 15_763 - 1869);
    const district = await xiangshan.request('GET', `/api/plans/${planId}/standards?region=340603`);
    assert.equal(district.status, 200);
    assert.equal(district.body.regions[0].regionCode, '340603');
    assert.equal((await xiangshan.request('GET', `/api/plans/${planId}/standards?region=3406`)).status, 403);
  });

  it('loads each plan’s key tasks with the plan, 辽宁 all 37 once its province is loaded', async () => {
    const db = server.database.db;
    assert.equal(
      Number(
        (
          await db
            .selectFrom('plan_task')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('plan_id', '=', planId)
            .executeTakeFirstOrThrow()
        ).n,
      ),
      13,
    );
    await db
      .insertInto('region')
      .values({ code: '21', name: '辽宁省', level: 'province', path: '21', stat_code: '210000000000' })
      .onConflict((conflict) => conflict.column('code').doNothing())
      .execute();
    const loaded = await inTransaction(db, (tx) => loadSeedPlans(tx));
    const liaoning = loaded.plansLoaded.find((plan) => plan.regionCode === '21')!;
    assert.equal(liaoning.tasks, 37);
    const task5 = await db
      .selectFrom('plan_task')
      .selectAll()
      .where('plan_id', '=', liaoning.planId)
      .where('number', '=', 5)
      .executeTakeFirstOrThrow();
    assert.deepEqual(task5.lead_departments, ['省教育厅']);
    assert.deepEqual(task5.participating_departments, ['省卫生健康委', '各市政府']);
    const land = await db
      .selectFrom('facility_standard')
      .select(['measure', 'minimum'])
      .where('region_code', '=', '21')
      .execute();
    assert.deepEqual(land, [{ measure: 'elderly_land_per_resident', minimum: 0.1 }]);
  });

  it('takes dated progress on a key task from the plan region’s officers, audited, and reports the latest', async () => {
    const url = `/api/plans/${planId}/tasks/1/progress`;
    const first = await civil.request('POST', url, {
      reportedOn: '2020-10-01',
      status: 'in_progress',
      report: '已出台公办养老机构改革方案',
    });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const second = await civil.request('POST', url, {
      reportedOn: '2020-12-20',
      status: 'done',
      report: '改革完成',
    });
    assert.equal(second.status, 201);
    assert.equal(
      (await xiangshan.request('POST', url, { reportedOn: '2020-12-21', status: 'done', report: '越权' }))
        .status,
      403,
    );
    const future = await civil.request('POST', url, {
      reportedOn: '2999-01-01',
      status: 'done',
      report: '未来',
    });
    assert.equal(future.status, 400);
    assert.ok(future.body.error.message['zh-CN']);
    const audit = await server.database.db
      .selectFrom('audit_entry')
      .select('entity_id')
      .where('entity', '=', 'plan_task_progress')
      .execute();
    assert.deepEqual(
      audit.map((entry) => Number(entry.entity_id)).sort(),
      [first.body.id, second.body.id].sort(),
    );
    const reply = await download(civil, `/api/plans/${planId}/report.xlsx?date=2020-12-31`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(reply.rawPayload as unknown as ArrayBuffer);
    const task = workbook.getWorksheet('重点任务')!.getRow(2);
    assert.deepEqual((task.values as unknown[]).slice(6, 9), [
      new Date('2020-12-20T00:00:00Z'),
      '已完成',
      '改革完成',
    ]);
    assert.equal(task.getCell(6).numFmt, 'yyyy"年"m"月"d"日"', 'a date cell shown the Chinese way');
  });

  it('renders the PDF in English when asked: labels, statuses, units, dates and catalogue names', async () => {
    const reply = await download(
      planning,
      `/api/plans/${planId}/report.pdf?regionCode=3406&asOf=2020-12-31&locale=en-US`,
    );
    assert.equal(reply.statusCode, 200, reply.body.slice(0, 300));
    assert.match(String(reply.headers['content-disposition']), /en-US\.pdf/);
    const file = join(work, 'report-en.pdf');
    writeFileSync(file, reply.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.match(text, /Annual evaluation report/);
    assert.match(text, /Region: 淮北市 \(3406\)\s+Evaluation date: December 31, 2020/);
    assert.match(text, /1\. Overview/);
    assert.match(text, /\d+ indicators: \d+ met, \d+ on track/);
    // The catalogue's English name, the plan's own Chinese wording beside it, the unit in English.
    assert.match(text, /Elderly-care beds \(养老床位/);
    assert.match(text, /\(beds\)/);
    assert.match(text, /8,554/, 'figures grouped as English readers expect');
    assert.match(text, /0\.56 ※/, 'the published 0.56 still flagged');
    assert.match(text, /Off track|At risk|On track|Met/);
    assert.match(text, /6\. Subordinate regions/);
    assert.match(text, /Page 1 of \d+/);
    assert.match(text, /淮北市“一老一小”整体解决方案/, 'the plan keeps its own (Chinese) name');
    for (const chinese of [
      '年度评估报告',
      '总体情况',
      '指标评估',
      '已达标',
      '进度正常',
      '评估日期',
      '下级地区',
      '（张）',
    ]) {
      assert.ok(!text.includes(chinese), `no Chinese label "${chinese}" in the English report`);
    }
    const audit = await server.database.db
      .selectFrom('audit_entry')
      .select('detail')
      .where('entity', '=', 'plan_report')
      .execute();
    assert.ok(
      audit.some(
        (entry) => (entry.detail as any).locale === 'en-US' && (entry.detail as any).format === 'pdf',
      ),
    );
  });

  it('renders the workbook in English from the reader’s Accept-Language when no locale is passed', async () => {
    const reply = await server.app.inject({
      method: 'GET',
      url: `/api/plans/${planId}/report.xlsx?region=3406&date=2020-12-31`,
      headers: { cookie: planning.cookie, 'accept-language': 'en-GB,en;q=0.9,zh-CN;q=0.5' },
    });
    assert.equal(reply.statusCode, 200, reply.body.slice(0, 300));
    assert.equal(reply.headers['content-language'], 'en-US');
    assert.match(String(reply.headers.vary), /Accept-Language/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(reply.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      workbook.worksheets.map((sheet) => sheet.name),
      [
        'Overview',
        'Indicators',
        'Capacity to build',
        'Yearly plan',
        'Facility standards',
        'Key tasks',
        'Subordinate regions',
      ],
    );
    const overview = workbook.getWorksheet('Overview')!;
    assert.deepEqual((overview.getRow(1).values as unknown[]).slice(1), ['Item', 'Content']);
    assert.deepEqual((overview.getRow(4).values as unknown[]).slice(1), [
      'Evaluation date',
      new Date('2020-12-31T00:00:00Z'),
    ]);
    assert.equal(overview.getRow(4).getCell(2).numFmt, 'mmmm d, yyyy');
    const indicators = workbook.getWorksheet('Indicators')!;
    assert.equal(indicators.getRow(1).getCell(2).value, 'Indicator');
    const rows = indicators.getSheetValues().slice(2) as unknown[][];
    const beds = rows.find((row) => String(row[2]).startsWith('Elderly-care beds (养老床位'))!;
    assert.equal(beds[3], 'beds');
    assert.equal(beds[8], 8554, 'numbers stay numbers in every locale');
    const places = rows.find((row) => String(row[2]).startsWith('Childcare places per 1,000 residents'))!;
    assert.deepEqual([places[8], places[9], places[10]], [0.95, 0.56, 'Yes']);
    const statuses = new Set(rows.map((row) => row[15]));
    for (const status of statuses)
      assert.match(String(status), /^(Met|On track|At risk|Off track|No data|Not applicable)$/);
    const task = workbook.getWorksheet('Key tasks')!.getRow(2).values as unknown[];
    assert.deepEqual(task.slice(6, 8), [new Date('2020-12-20T00:00:00Z'), 'Done']);
    const schedule = workbook.getWorksheet('Yearly plan')!.getSheetValues().slice(2) as unknown[][];
    assert.deepEqual(
      schedule.map((row) => [row[1], row[3]]),
      [
        ['Childcare places', 2664],
        ['Childcare places', 2000],
        ['Childcare places', 2200],
        ['Childcare places', 800],
        ['Childcare places', 500],
      ],
    );
    // The explicit locale wins over the browser's languages.
    const chinese = await server.app.inject({
      method: 'GET',
      url: `/api/plans/${planId}/report.xlsx?date=2020-12-31&locale=zh-CN`,
      headers: { cookie: planning.cookie, 'accept-language': 'en-US' },
    });
    const zh = new ExcelJS.Workbook();
    await zh.xlsx.load(chinese.rawPayload as unknown as ArrayBuffer);
    assert.equal(zh.worksheets[0].name, '概况');
  });

  it('refuses a locale the reports do not speak with a clear 400, exporting and auditing nothing', async () => {
    const db = server.database.db;
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('audit_entry')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('entity', '=', 'plan_report')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    for (const format of ['pdf', 'xlsx']) {
      const reply = await planning.request('GET', `/api/plans/${planId}/report.${format}?locale=fr-FR`);
      assert.equal(reply.status, 400, JSON.stringify(reply.body));
      assert.ok(reply.body.error.message['zh-CN']);
    }
    assert.equal(await count(), before);
  });
});
