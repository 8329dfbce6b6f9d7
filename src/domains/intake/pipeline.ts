// One intake from file to registry, all or nothing: every row is read and checked on its own in JS (cells, ID and
// USCC check characters, dates, scope), the good ones are encrypted and COPYed into a staging table, the checks that
// need the database or the whole file run in bulk in SQL, and only a file without a single bad row is applied — in
// the same transaction, so a rejected or failed file leaves nothing behind. Kinds that allow it (people) are checked
// and applied a chunk at a time while the next chunk is read, so that PostgreSQL and Node work at the same time; the
// first bad row stops the applying and the transaction still rolls back whole.
import { sql } from 'kysely';
import { inTransaction, type Db, type Tx } from '../../db/database.ts';
import type { PersonalDataKeys } from '../../shared/personal-data.ts';
import { recordAuditMany, type Actor } from '../audit/record.ts';
import { cellText, readCell, type Column } from './columns.ts';
import { rememberKeys, repeatedFromEarlierChunks, repeatedInFile } from './checks.ts';
import { CopyText, startCopy } from './copy.ts';
import type { IntakeKind, RegionCounts, RowContext, RowValues, SqlContext, StagedValue } from './kind.ts';
import { openRows } from './reader.ts';
import { IdNumberSealer } from './sealer.ts';
import { SeenIdNumbers } from './seen-id-numbers.ts';
import { WorkerSealer } from './worker-sealer.ts';
import type { FileFormat } from './tables.ts';

/** A file that cannot be taken at all (no header, missing columns): the job fails with this message. */
export class FileProblem extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export const OUT_OF_SCOPE = '不在您的管辖范围内';
/** Bad rows reported with their reasons; beyond this only counted, so a garbage file cannot exhaust memory. */
export const MAX_REPORTED_ROWS = 10_000;

export interface IntakeProgress {
  phase: 'validating' | 'applying';
  rowsRead: number;
  rowsBad: number;
  /** 0–1: reading and checking the file is most of the work. */
  progress: number;
}

export interface IntakeRun {
  kind: IntakeKind;
  filePath: string;
  format: FileFormat;
  fileBytes: number;
  keys: PersonalDataKeys;
  context: RowContext & SqlContext;
  actor: Actor;
  jobId: number | null;
  onProgress?: (progress: IntakeProgress) => void;
  maxReportedRows?: number;
  /** Rows per chunk for kinds that apply in chunks (CHUNK_ROWS unless a test wants many small ones). */
  chunkRows?: number;
}

export interface IntakeOutcome {
  status: 'done' | 'rejected';
  rowsRead: number;
  rowsBad: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Reasons by row number, for at most maxReportedRows rows. */
  problems: Map<number, string[]>;
  regions: RegionCounts[];
  /** Milliseconds spent reading and staging the file, in the bulk checks and applying (for the benchmark). */
  timings: { read: number; check: number; apply: number };
}

class Rejected extends Error {
  constructor(readonly outcome: IntakeOutcome) {
    super('rejected');
  }
}

/** A header as typed, without the template's required-marker and spacing. */
export function headerKey(text: string): string {
  return text.replace(/[\s*＊]/g, '').replace(/[（(]必填[)）]$/, '');
}

/** Which file column holds each of the kind's columns; a missing required column fails the file. */
export function mapHeader(columns: readonly Column[], cells: readonly unknown[]): (number | undefined)[] {
  const positions = new Map<string, number>();
  cells.forEach((cell, index) => {
    const text = cellText(cell as string);
    if (text === null) return;
    const key = headerKey(text);
    if (positions.has(key))
      throw new FileProblem(`表头「${key}」出现了两次`, `The header "${key}" appears twice`);
    positions.set(key, index);
  });
  const missing = columns.filter((column) => column.required && !positions.has(headerKey(column.header)));
  if (missing.length > 0) {
    const names = missing.map((column) => column.header);
    throw new FileProblem(
      `缺少必填列：${names.join('、')}。请使用下载的模板，第一行为表头`,
      `Required columns are missing: ${names.join(', ')}. Use the downloaded template; row 1 is the header`,
    );
  }
  return columns.map((column) => positions.get(headerKey(column.header)));
}

class ProblemLog {
  readonly rows = new Map<number, string[]>();
  count = 0;
  constructor(private readonly cap: number) {}
  add(rowNo: number, reasons: string[]): void {
    const known = this.rows.get(rowNo);
    if (known) {
      known.push(...reasons);
      return;
    }
    this.count++;
    if (this.rows.size < this.cap) this.rows.set(rowNo, reasons);
  }
}

const PROGRESS_EVERY_MS = 250;
const READ_SHARE = 0.8;
/** From this size on, ID numbers are encrypted in a worker thread: below it, starting the worker costs more. */
export const SEAL_IN_WORKER_FROM_BYTES = 4 << 20;
/** Batches read ahead of the one being written: the worker encrypts one while the next is read and checked. */
const BATCHES_AHEAD = 2;
/**
 * Rows per chunk of a kind that applies in chunks: enough that a chunk's few statements cost little per row, few
 * enough that the COPY text of the chunk being read and of the one being applied stay a few tens of MB.
 */
export const CHUNK_ROWS = 50_000;

interface StagedBatch {
  rows: StagedValue[][];
  /** Resolves when the rows' ciphertexts are in place. */
  sealed: Promise<void> | undefined;
}

/** Created and updated counts per region, summed over the chunks of a file. */
class RegionTally {
  private readonly byRegion = new Map<string, RegionCounts>();
  add(counts: RegionCounts[]): void {
    for (const count of counts) {
      const known = this.byRegion.get(count.regionCode);
      if (known) {
        known.created += count.created;
        known.updated += count.updated;
      } else {
        this.byRegion.set(count.regionCode, { ...count });
      }
    }
  }
  list(): RegionCounts[] {
    return [...this.byRegion.values()]
      .filter((r) => r.created + r.updated > 0)
      .sort((a, b) => a.regionCode.localeCompare(b.regionCode));
  }
}

/**
 * Runs a chunk's apply with hash and merge joins off. A chunk is small next to the registry it is applied to, but the
 * planner, seeing a few hundred thousand rows already written by this transaction, would read the registry whole
 * for every chunk to hash-join it (measured: a million-row file spent more on those scans than on inserting); looked
 * up through the registry's indexes instead, each staged row costs one probe however large the registry grows.
 */
async function applyByIndexProbes<T>(tx: Tx, apply: () => Promise<T>): Promise<T> {
  const { rows } = await sql<{ hash: string; merge: string }>`
    SELECT current_setting('enable_hashjoin') AS hash, current_setting('enable_mergejoin') AS merge`.execute(
    tx,
  );
  await sql`SELECT set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`.execute(
    tx,
  );
  const result = await apply();
  await sql`SELECT set_config('enable_hashjoin', ${rows[0].hash}, true),
                   set_config('enable_mergejoin', ${rows[0].merge}, true)`.execute(tx);
  return result;
}

export async function runIntake(db: Db, run: IntakeRun): Promise<IntakeOutcome> {
  const { kind, context } = run;
  const log = new ProblemLog(run.maxReportedRows ?? MAX_REPORTED_ROWS);
  const timings = { read: 0, check: 0, apply: 0 };
  const since = (start: number) => Math.round(performance.now() - start);
  let rowsRead = 0;
  let lastReport = 0;
  const report = (phase: IntakeProgress['phase'], progress: number, force = false) => {
    const now = Date.now();
    if (!run.onProgress || (!force && now - lastReport < PROGRESS_EVERY_MS)) return;
    lastReport = now;
    run.onProgress({ phase, rowsRead, rowsBad: log.count, progress: Math.min(progress, 1) });
  };
  try {
    return await inTransaction(db, async (tx) => {
      // Two intakes of one kind at once would each miss the other's rows in their duplicate checks.
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`laoyou.intake.${kind.key}`}))`.execute(tx);
      const stagingColumns = kind.staging.map((column) => `${column.name} ${column.type}`).join(', ');
      await sql
        .raw(`CREATE TEMP TABLE intake_staging (row_no integer NOT NULL, ${stagingColumns}) ON COMMIT DROP`)
        .execute(tx);
      await sql
        .raw(
          'CREATE TEMP TABLE intake_problem (row_no integer NOT NULL, reason text NOT NULL) ON COMMIT DROP',
        )
        .execute(tx);
      const names = kind.staging.map((column) => column.name).join(', ');
      const copyStatement = `COPY intake_staging (row_no, ${names}) FROM STDIN`;

      // A kind that applies in chunks has each chunk checked and applied while the next one is read (one
      // transaction: a rejected file still rolls back whole). The first row of each file key is remembered across
      // chunks — ID numbers in memory as they are read, other keys in a table of their own — so a repeat is found in
      // whichever later chunk it comes.
      const chunked = kind.appliesInChunks === true;
      const inMemory = (kind.repeats ?? [])
        .filter((key) => key.idNumber !== undefined)
        .map((key) => ({ column: key.idNumber!, label: key.label, seen: new SeenIdNumbers() }));
      const repeats = (kind.repeats ?? [])
        .filter((key) => key.idNumber === undefined)
        .map((key, i) => ({ ...key, where: key.where ?? sql<boolean>`true`, seen: `intake_seen_${i}` }));
      if (chunked) {
        for (const key of repeats) {
          const columns = key.columns.join(', ');
          await sql
            .raw(
              `CREATE TEMP TABLE ${key.seen} ON COMMIT DROP AS SELECT ${columns}, row_no FROM intake_staging WITH NO DATA`,
            )
            .execute(tx);
          await sql.raw(`CREATE UNIQUE INDEX ON ${key.seen} (${columns})`).execute(tx);
        }
      }
      const checks = [
        ...kind.checks(context),
        ...repeats.map((key) => repeatedInFile(key.columns, key.label, key.where)),
        ...(chunked
          ? repeats.map((key) => repeatedFromEarlierChunks(key.seen, key.columns, key.label, key.where))
          : []),
      ];
      const tally = new RegionTally();
      let chunks = 0;

      /** Checks what is staged; applies it while the file has no bad row (the file is refused whole otherwise). */
      const checkAndApply = async () => {
        const checkStart = performance.now();
        // One sample is enough for the planner: the chunks of a file look alike.
        if (chunks++ === 0) await sql`ANALYZE intake_staging`.execute(tx);
        for (const check of checks) {
          await sql`INSERT INTO intake_problem (row_no, reason) ${check}`.execute(tx);
        }
        if (chunked)
          for (const key of repeats) await rememberKeys(key.seen, key.columns, key.where).execute(tx);
        const { rows: sqlProblems } = await sql<{ row_no: number; reasons: string[] }>`
          SELECT row_no, array_agg(reason ORDER BY reason) AS reasons
          FROM intake_problem GROUP BY row_no ORDER BY row_no`.execute(tx);
        for (const problem of sqlProblems) log.add(problem.row_no, problem.reasons);
        timings.check += since(checkStart);
        if (log.count === 0) {
          if (!chunked) report('applying', 0.9, true);
          const applyStart = performance.now();
          tally.add(
            chunked
              ? await applyByIndexProbes(tx, () => kind.apply(tx, context))
              : await kind.apply(tx, context),
          );
          timings.apply += since(applyStart);
        }
        if (chunked) await sql`TRUNCATE intake_staging, intake_problem`.execute(tx);
      };

      const source = openRows(run.filePath, run.format);
      const sealer =
        run.fileBytes >= SEAL_IN_WORKER_FROM_BYTES
          ? new WorkerSealer(run.keys)
          : new IdNumberSealer(run.keys);
      const readStart = performance.now();
      // Whole files stream into one COPY; chunks are kept as COPY text until the connection is free.
      const streaming = chunked ? undefined : await startCopy(tx, copyStatement);
      let chunk = new CopyText();
      let inFlight: Promise<void> | undefined;
      const sendChunk = async () => {
        const pieces = chunk.take(true);
        chunk = new CopyText();
        if (inFlight) await inFlight;
        inFlight = (async () => {
          const writer = await startCopy(tx, copyStatement);
          try {
            await writer.write(pieces);
            await writer.finish();
          } catch (error) {
            writer.abort(error as Error);
            throw error;
          }
          await checkAndApply();
        })();
        // Awaited before the next chunk or at the end; until then a failure must not count as unhandled.
        inFlight.catch(() => {});
      };
      const ahead: StagedBatch[] = [];
      const write = async ({ rows, sealed }: StagedBatch) => {
        if (sealed) await sealed;
        if (streaming) {
          for (const row of rows) {
            const wait = streaming.row(row);
            if (wait) await wait;
          }
          return;
        }
        const chunkRows = run.chunkRows ?? CHUNK_ROWS;
        for (const row of rows) {
          chunk.row(row);
          if (chunk.rows >= chunkRows) await sendChunk();
        }
      };
      const columns = kind.columns;
      // China's date, so that no row converts a moment to a date again.
      const today = context.today;
      let positions: (number | undefined)[] | undefined;
      try {
        for await (const batch of source.batches) {
          const staged: StagedValue[][] = [];
          for (const { rowNo, cells } of batch) {
            if (positions === undefined) {
              positions = mapHeader(columns, cells);
              continue;
            }
            if (cells.every((cell) => cellText(cell) === null)) continue;
            rowsRead++;
            const values: RowValues = {};
            let reasons: string[] | undefined;
            for (let i = 0; i < columns.length; i++) {
              const position = positions[i];
              const read = readCell(columns[i], position === undefined ? null : cells[position], today);
              if (read.ok) values[columns[i].key] = read.value;
              else (reasons ??= []).push(read.reason);
            }
            if (reasons === undefined) {
              const place = kind.placeOf(values);
              if (place && !context.scope.reaches(place.regionCode, place.domain)) reasons = [OUT_OF_SCOPE];
            }
            if (reasons === undefined) {
              const problems = kind.validate(values, context);
              if (problems.length > 0) reasons = problems;
            }
            if (reasons === undefined) {
              for (const key of inMemory) {
                const idNumber = values[key.column] as string | null;
                const first = idNumber === null ? undefined : key.seen.firstRow(idNumber, rowNo);
                if (first !== undefined) (reasons ??= []).push(`与第${first}行重复（${key.label}）`);
              }
            }
            if (reasons !== undefined) {
              log.add(rowNo, reasons);
              continue;
            }
            staged.push([rowNo, ...kind.stage(values, sealer)]);
          }
          const sealed = sealer instanceof WorkerSealer ? sealer.flush() : undefined;
          // Awaited in turn below; until then a failed worker must not count as an unhandled rejection.
          sealed?.catch(() => {});
          ahead.push({ rows: staged, sealed });
          while (ahead.length > BATCHES_AHEAD) await write(ahead.shift()!);
          // Let the chunk being applied send its next statement: PostgreSQL's work is the longer half, and a reply
          // that waited behind a few batches of reading left it idle (a third of the time, measured on 2 cores).
          await new Promise((resolve) => setImmediate(resolve));
          report('validating', (source.bytesRead() / Math.max(run.fileBytes, 1)) * READ_SHARE);
        }
        if (positions === undefined) {
          throw new FileProblem('文件是空的：第一行应为表头', 'The file is empty: row 1 must be the header');
        }
        for (const batch of ahead.splice(0)) await write(batch);
        if (streaming) {
          await streaming.finish();
        } else {
          await sendChunk();
          await inFlight;
        }
      } catch (error) {
        streaming?.abort(error as Error);
        // Nothing more may be sent on the transaction while a chunk's statements still run.
        await inFlight?.catch(() => {});
        throw error;
      } finally {
        if (sealer instanceof WorkerSealer) await sealer.close();
      }
      timings.read = since(readStart);
      report('validating', READ_SHARE, true);
      if (streaming) await checkAndApply();

      const regions = tally.list();
      const created = regions.reduce((sum, r) => sum + r.created, 0);
      const updated = regions.reduce((sum, r) => sum + r.updated, 0);
      const outcome: IntakeOutcome = {
        status: log.count > 0 ? 'rejected' : 'done',
        rowsRead,
        rowsBad: log.count,
        created: log.count > 0 ? 0 : created,
        updated: log.count > 0 ? 0 : updated,
        unchanged: log.count > 0 ? 0 : rowsRead - created - updated,
        problems: log.rows,
        regions: log.count > 0 ? [] : regions,
        timings,
      };
      if (log.count > 0) throw new Rejected(outcome);
      await recordAuditMany(
        tx,
        run.actor,
        regions.map((r) => ({
          action: r.created > 0 ? 'create' : 'update',
          entity: kind.entity,
          regionCode: r.regionCode,
          detail: { intakeJobId: run.jobId, kind: kind.key, created: r.created, updated: r.updated },
        })),
      );
      return outcome;
    });
  } catch (error) {
    if (error instanceof Rejected) return error.outcome;
    throw error;
  }
}
