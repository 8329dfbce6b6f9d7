/**
 * Times 淮北's annual evaluation report on the full demo city (target: the PDF, from the request's reads to the last
 * byte, in under 3 s on a 2-core machine, so an officer can download it during a meeting; the workbook likewise).
 *
 *   node --import tsx bench/plan-report.ts [--pg postgres://postgres@127.0.0.1:5432/postgres] [--runs 5]
 *
 * A throwaway database (migrated, 3406's regions and the full demo loaded, not timed); then per run the report's
 * reads (evaluation of the city and its districts, gaps, standards, tasks) and each rendering in zh-CN and en-US,
 * timed apart (each rendering's time includes the reads, as a download does). Prints one
 * JSON line per part and drops the database.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { inTransaction, openDatabase, withDatabaseName } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { DEMO_CITY, loadDemoCity } from '../src/demo/demo-city.ts';
import { findPlan } from '../src/domains/plan/evaluate.ts';
import { buildPlanReport, type PlanReport } from '../src/domains/plan/report-data.ts';
import { findReportFont } from '../src/domains/plan/report-font.ts';
import { REPORT_LOCALES, reportWords } from '../src/domains/plan/report-labels.ts';
import { renderReportPdf } from '../src/domains/plan/report-pdf.ts';
import { renderReportXlsx } from '../src/domains/plan/report-xlsx.ts';
import { loadRegions } from '../src/domains/regions/load-regions.ts';
import { makeDevelopmentKeys } from '../src/shared/personal-data.ts';

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET_SECONDS = 3;

export interface PlanReportBenchResult {
  name: string;
  samples: number[];
  best: number;
  median: number;
  targetSeconds: number;
  met: boolean;
  bytes?: number;
}

const seconds = (started: bigint) => Math.round(Number(process.hrtime.bigint() - started) / 1e6) / 1000;

function summarise(name: string, samples: number[], target: number, bytes?: number): PlanReportBenchResult {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return { name, samples, best: sorted[0], median, targetSeconds: target, met: median <= target, bytes };
}

export async function run(options: { pgUrl?: string; runs?: number } = {}): Promise<PlanReportBenchResult[]> {
  const adminUrl = options.pgUrl ?? DEFAULT_PG_URL;
  const font = findReportFont();
  if (!font)
    throw new Error('no CJK font for the PDF report (install fonts-noto-cjk or set LAOYOU_REPORT_FONT)');
  const name = `laoyou_bench_report_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const client = new pg.Client({ connectionString: withDatabaseName(adminUrl, name) });
    await client.connect();
    try {
      await migrate(client);
      await client.query('BEGIN');
      await loadRegions(client, { prefixes: [DEMO_CITY] });
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    const database = openDatabase(withDatabaseName(adminUrl, name), 2);
    try {
      const db = database.db;
      await loadDemoCity(db, makeDevelopmentKeys(), { size: 'full' });
      const planId = (
        await db
          .selectFrom('plan')
          .select('id')
          .where('region_code', '=', DEMO_CITY)
          .executeTakeFirstOrThrow()
      ).id;
      const plan = (await findPlan(db, planId))!;
      const region = { code: DEMO_CITY, name: '淮北市' };
      const reads: number[] = [];
      // Per locale: the English report prints longer words (and wraps more), so both are timed.
      const rendered = REPORT_LOCALES.map((locale) => ({
        locale,
        pdfs: [] as number[],
        workbooks: [] as number[],
        pdfBytes: 0,
        xlsxBytes: 0,
      }));
      for (let i = 0; i < (options.runs ?? 5); i++) {
        const started = process.hrtime.bigint();
        const report: PlanReport = await inTransaction(db, (tx) =>
          buildPlanReport(tx, plan, region, '2025-12-31', () => true),
        );
        const read = seconds(started);
        reads.push(read);
        for (const entry of rendered) {
          const words = reportWords(entry.locale, report.englishNames);
          let renderStarted = process.hrtime.bigint();
          entry.pdfBytes = (await renderReportPdf(report, font, words)).length;
          entry.pdfs.push(Math.round((seconds(renderStarted) + read) * 1000) / 1000);
          renderStarted = process.hrtime.bigint();
          entry.xlsxBytes = (await renderReportXlsx(report, words)).length;
          entry.workbooks.push(Math.round((seconds(renderStarted) + read) * 1000) / 1000);
        }
      }
      return [
        summarise('plan-report-reads', reads, TARGET_SECONDS),
        ...rendered.flatMap((entry) => [
          summarise(`plan-report-pdf-${entry.locale}`, entry.pdfs, TARGET_SECONDS, entry.pdfBytes),
          summarise(`plan-report-xlsx-${entry.locale}`, entry.workbooks, TARGET_SECONDS, entry.xlsxBytes),
        ]),
      ];
    } finally {
      await database.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { pg: { type: 'string' }, runs: { type: 'string' } } });
  run({ pgUrl: values.pg, runs: values.runs === undefined ? undefined : Number(values.runs) }).then(
    (results) => {
      for (const result of results) console.log(JSON.stringify(result));
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
