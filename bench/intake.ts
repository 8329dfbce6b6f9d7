/**
 * Times the intake of person rows from CSV and from xlsx with full validation and ID encryption (issue target:
 * 1,000,000 rows from CSV at ≥50,000 rows/s, memory bounded), beside a plain COPY of the same CSV into a bare table
 * as the ceiling.
 *
 *   node --import tsx bench/intake.ts [--pg URL|embedded] [--rows N] [--skip-xlsx] [--keep]
 *
 * Creates a throwaway database on the given PostgreSQL, applies the migrations and loads 淮北市's regions, writes N
 * synthetic valid persons (ID numbers of 淮北's counties, names, villages of 3406) to a temporary CSV and xlsx, then
 * runs the intake pipeline itself (runIntake, as the background job does; not over HTTP) on each file into an empty
 * registry, and once more on the CSV to time an idempotent re-upload. Peak RSS is sampled while each run lasts.
 * Prints one JSON line per result and drops the database. `--pg embedded` starts the platform's own embedded
 * PostgreSQL (with the platform's settings) in a temporary folder and runs there.
 */
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase, withDatabaseName, type Db } from '../src/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import { CAPABILITY_OPTIONS, peopleKind } from '../src/domains/intake/kinds/people.ts';
import ExcelJS from '../src/domains/intake/excel.ts';
import { runIntake, type IntakeOutcome } from '../src/domains/intake/pipeline.ts';
import { loadRegions } from '../src/domains/regions/load-regions.ts';
import { makeIdNumber } from '../src/shared/id-number.ts';
import { makeDevelopmentKeys } from '../src/shared/personal-data.ts';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET_ROWS_PER_SECOND = 50_000;
const HEADER = peopleKind.columns.map((column) => column.header);
const COUNTIES = ['340602', '340603', '340604', '340621'];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁';
const GIVEN = '秀英桂兰玉珍凤芳淑华明国建德志永海春荣文军伟兰梅丽平云福林金';
const LIVING = ['独居', '空巢', '留守', '与家人同住', '', ''];

export interface IntakeBenchOptions {
  pgUrl?: string;
  rows?: number;
  skipXlsx?: boolean;
  keep?: boolean;
  log?: (line: string) => void;
}

export interface IntakeBenchResult {
  name: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMiB?: number;
  nodeCpuSeconds?: number;
  pgCpuSeconds?: number;
  fileMiB?: number;
  status?: string;
  created?: number;
  unchanged?: number;
  phasesMs?: IntakeOutcome['timings'];
  /** The machine's 1-minute load average when the run ended: other work on it slows the wall time, not the CPU. */
  loadAverage?: number;
  targetRowsPerSecond?: number;
  met?: boolean;
}

function dayString(day: number): string {
  return new Date(Date.UTC(1930, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}

/** Row i of the synthetic file: unique ID numbers (county × birth day × sequence), a village of 3406. */
function personRow(i: number, villages: string[]): string[] {
  const county = COUNTIES[i % 4];
  const day = Math.floor(i / 4) % 13_000;
  const sequence = Math.floor(i / 52_000);
  const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + GIVEN[(i * 13) % GIVEN.length];
  const living = LIVING[i % LIVING.length];
  const assessed = i % 5 === 0;
  return [
    name,
    makeIdNumber(county, dayString(day), sequence),
    '',
    '',
    villages[i % villages.length],
    county,
    i % 3 === 0 ? `幸福路${i % 997}号` : '',
    living,
    assessed ? CAPABILITY_OPTIONS[Math.floor(i / 5) % CAPABILITY_OPTIONS.length].label : '',
    assessed ? '2025-06-01' : '',
  ];
}

async function writeCsv(file: string, rows: number, villages: string[]): Promise<void> {
  const out = fs.createWriteStream(file);
  let chunk = HEADER.join(',') + '\n';
  for (let i = 0; i < rows; i++) {
    chunk += personRow(i, villages).join(',') + '\n';
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

async function writeXlsx(file: string, rows: number, villages: string[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const sheet = workbook.addWorksheet(peopleKind.sheetName);
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) sheet.addRow(personRow(i, villages)).commit();
  sheet.commit();
  await workbook.commit();
}

const CLOCK_TICKS = 100;

/** CPU seconds the PostgreSQL backends of a database have used so far, by pid (read from /proc: same machine). */
async function backendCpu(pool: pg.Pool, database: string): Promise<Map<number, number>> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
    database,
  ]);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
    } catch {
      // not on this machine, or gone
    }
  }
  return cpu;
}

interface Measured<T> {
  value: T;
  seconds: number;
  peakRssMiB: number;
  /** CPU used by this process and by the database: on a shared, busy machine wall time says little, these stay. */
  nodeCpuSeconds: number;
  pgCpuSeconds: number;
}

/** Samples RSS while `work` runs; the peak is the memory bound the run kept. */
async function measured<T>(pool: pg.Pool, database: string, work: () => Promise<T>): Promise<Measured<T>> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const pgBefore = await backendCpu(pool, database);
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  try {
    const value = await work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const pgAfter = await backendCpu(pool, database);
    let pgCpu = 0;
    for (const [pid, used] of pgAfter) pgCpu += used - (pgBefore.get(pid) ?? 0);
    return {
      value,
      seconds,
      peakRssMiB: Math.round(Math.max(peak, process.memoryUsage().rss) / 1048576),
      nodeCpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      pgCpuSeconds: Math.round(pgCpu * 100) / 100,
    };
  } finally {
    clearInterval(timer);
  }
}

async function intakeOnce(db: Db, file: string, format: 'csv' | 'xlsx'): Promise<IntakeOutcome> {
  const now = new Date();
  return runIntake(db, {
    kind: peopleKind,
    filePath: file,
    format,
    fileBytes: fs.statSync(file).size,
    keys: makeDevelopmentKeys(),
    context: {
      today: new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10),
      now,
      accountId: 0,
      scope: { regions: null, organisations: null, reaches: () => true },
    },
    actor: { principal: null, ip: null, requestId: null },
    jobId: null,
  });
}

export async function run(options: IntakeBenchOptions = {}): Promise<IntakeBenchResult[]> {
  const log = options.log ?? ((line: string) => console.error(line));
  const rows = options.rows ?? 1_000_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoyou-bench-intake-'));
  let embedded: EmbeddedServer | null = null;
  if (options.pgUrl === 'embedded') {
    log('starting the embedded PostgreSQL …');
    embedded = await startEmbeddedPostgres({ clusterDir: path.join(dir, 'pg') });
  }
  const adminUrl = embedded?.adminUrl ?? options.pgUrl ?? DEFAULT_PG_URL;
  const database = `laoyou_bench_intake_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = withDatabaseName(adminUrl, database);
  const handle = openDatabase(url, 4);
  const results: IntakeBenchResult[] = [];
  try {
    const client = await handle.pool.connect();
    let villages: string[];
    try {
      await migrate(client);
      await client.query('BEGIN');
      await loadRegions(client, { prefixes: ['3406'] });
      await client.query('COMMIT');
      villages = (
        await client.query<{ code: string }>(`SELECT code FROM region WHERE level = 'village' ORDER BY code`)
      ).rows.map((row) => row.code);
    } finally {
      client.release();
    }

    const csvFile = path.join(dir, 'people.csv');
    log(`writing ${rows} rows to CSV …`);
    await writeCsv(csvFile, rows, villages);
    const csvMiB = Math.round((fs.statSync(csvFile).size / 1048576) * 10) / 10;

    const truncate = () => handle.pool.query('TRUNCATE person CASCADE');
    const record = (
      name: string,
      m: Measured<IntakeOutcome>,
      outcome: IntakeOutcome,
      fileMiB: number,
      target: boolean,
    ) => {
      const result: IntakeBenchResult = {
        name,
        rows,
        seconds: Math.round(m.seconds * 100) / 100,
        rowsPerSecond: Math.round(rows / m.seconds),
        peakRssMiB: m.peakRssMiB,
        nodeCpuSeconds: m.nodeCpuSeconds,
        pgCpuSeconds: m.pgCpuSeconds,
        fileMiB,
        status: outcome.status,
        created: outcome.created,
        unchanged: outcome.unchanged,
        phasesMs: outcome.timings,
        loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
        ...(target && {
          targetRowsPerSecond: TARGET_ROWS_PER_SECOND,
          met: outcome.status === 'done' && rows / m.seconds >= TARGET_ROWS_PER_SECOND,
        }),
      };
      if (outcome.status !== 'done') {
        log(`first problems: ${JSON.stringify([...outcome.problems].slice(0, 3))}`);
      }
      log(JSON.stringify(result));
      results.push(result);
    };

    log('intake from CSV …');
    const fromCsv = await measured(handle.pool, database, () => intakeOnce(handle.db, csvFile, 'csv'));
    record('intake-people-csv', fromCsv, fromCsv.value, csvMiB, true);
    log('re-upload of the same CSV …');
    const again = await measured(handle.pool, database, () => intakeOnce(handle.db, csvFile, 'csv'));
    record('intake-people-csv-reupload', again, again.value, csvMiB, false);

    if (!options.skipXlsx) {
      const xlsxFile = path.join(dir, 'people.xlsx');
      log(`writing ${rows} rows to xlsx …`);
      await writeXlsx(xlsxFile, rows, villages);
      await truncate();
      log('intake from xlsx …');
      const fromXlsx = await measured(handle.pool, database, () => intakeOnce(handle.db, xlsxFile, 'xlsx'));
      record(
        'intake-people-xlsx',
        fromXlsx,
        fromXlsx.value,
        Math.round((fs.statSync(xlsxFile).size / 1048576) * 10) / 10,
        false,
      );
    }

    log('plain COPY of the same CSV (ceiling) …');
    const copy = await measured(handle.pool, database, async () => {
      const raw = await handle.pool.connect();
      try {
        await raw.query(`CREATE TABLE bare (${HEADER.map((_, i) => `c${i} text`).join(', ')})`);
        await pipeline(
          fs.createReadStream(csvFile),
          raw.query(copyFrom('COPY bare FROM STDIN (FORMAT csv, HEADER)')),
        );
      } finally {
        raw.release();
      }
    });
    const ceiling: IntakeBenchResult = {
      name: 'copy-csv-ceiling',
      rows,
      seconds: Math.round(copy.seconds * 100) / 100,
      rowsPerSecond: Math.round(rows / copy.seconds),
      nodeCpuSeconds: copy.nodeCpuSeconds,
      pgCpuSeconds: copy.pgCpuSeconds,
      fileMiB: csvMiB,
      loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
    };
    log(JSON.stringify(ceiling));
    results.push(ceiling);
  } finally {
    await handle.close();
    if (options.keep) log(`kept database ${database}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

function parseArgs(argv: string[]): IntakeBenchOptions {
  const options: IntakeBenchOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--pg') options.pgUrl = argv[++i];
    else if (arg === '--rows') options.rows = Number(argv[++i]);
    else if (arg === '--skip-xlsx') options.skipXlsx = true;
    else if (arg === '--keep') options.keep = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  run(parseArgs(process.argv.slice(2))).then(
    (results) => {
      for (const result of results) console.log(JSON.stringify(result));
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
