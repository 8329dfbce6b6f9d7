// A people file applied in chunks while the next chunk is read (pipeline.ts): still all or nothing, still idempotent,
// and a row repeating a row of an earlier chunk is found as surely as one repeating a row of its own chunk.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.ts';
import { makeIdNumber } from '../../shared/id-number.ts';
import { peopleKind } from './kinds/people.ts';
import { peopleFileRun } from './intake-test-support.ts';
import { runIntake } from './pipeline.ts';

const XIANGNAN = '340603001004'; // 相山区 相南街道 春秋社区
const DUJI = '340602001004'; // 杜集区 水泥厂社区
const HEADER = peopleKind.columns.map((column) => column.header);
/** Three rows per chunk: a ten-row file is four chunks. */
const CHUNK = 3;

/** A person row: name, ID number, sex, birth date, living region, registered region, address. */
const row = (name: string, idNumber: string, region = XIANGNAN, extra: string[] = []) => [
  name,
  idNumber,
  idNumber === '' ? 'female' : '',
  idNumber === '' ? '1950-05-05' : '',
  region,
  '',
  ...extra,
];
const idOf = (i: number) =>
  makeIdNumber('340603', `1940-03-${String(1 + (i % 28)).padStart(2, '0')}`, Math.floor(i / 28));

describe('people intake applied in chunks', () => {
  let database: TestDatabase;
  let dir: string;

  before(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-chunks-'));
  });
  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await database.drop();
  });

  async function intake(rows: string[][], name: string) {
    const file = path.join(dir, `${name}.csv`);
    fs.writeFileSync(file, [HEADER, ...rows].map((cells) => cells.join(',')).join('\n') + '\n');
    return runIntake(database.db, peopleFileRun(file, { chunkRows: CHUNK }));
  }

  const people = async () =>
    (
      await sql<{ n: number; d: string }>`
        SELECT count(*)::int AS n, md5(coalesce(string_agg(p::text, '|' ORDER BY p.id), '')) AS d
        FROM person p`.execute(database.db)
    ).rows[0];

  it('applies a file of several chunks whole, counting per region, and changes nothing on the same file again', async () => {
    const rows = [
      ...Array.from({ length: 8 }, (_, i) => row(`分块${i}`, idOf(i), i % 2 === 0 ? XIANGNAN : DUJI)),
      row('无证甲', ''),
      row('无证乙', '', DUJI),
    ];
    const first = await intake(rows, 'valid');
    assert.equal(first.status, 'done', JSON.stringify([...first.problems]));
    assert.equal(first.created, 10);
    assert.deepEqual(
      first.regions.map((r) => [r.regionCode, r.created]),
      [
        [DUJI, 5],
        [XIANGNAN, 5],
      ],
    );
    const before = await people();
    const again = await intake(rows, 'valid-again');
    assert.equal(again.status, 'done');
    assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 10]);
    assert.deepEqual(await people(), before);
  });

  it('refuses an ID number repeated from an earlier chunk, naming the first row, and rolls every chunk back', async () => {
    const before = await people();
    const rows = [
      row('新一', idOf(20)),
      row('新二', idOf(21)),
      row('新三', idOf(22)),
      row('新四', idOf(23)),
      row('新五', idOf(24)),
      row('新六', idOf(25)),
      row('重复', idOf(21)), // row 8 repeats row 3 (the header is row 1), two chunks later
    ];
    const outcome = await intake(rows, 'repeat-id');
    assert.equal(outcome.status, 'rejected');
    assert.deepEqual([...outcome.problems], [[8, ['与第3行重复（身份证号码相同）']]]);
    assert.deepEqual(await people(), before, 'the chunks applied before the repeat were rolled back');
  });

  it('refuses a person without ID number repeated from an earlier chunk', async () => {
    const rows = [
      row('同名', ''),
      row('别人一', idOf(30)),
      row('别人二', idOf(31)),
      row('别人三', idOf(32)),
      row('同名', ''), // row 6 repeats row 2 in the next chunk
    ];
    const outcome = await intake(rows, 'repeat-name');
    assert.equal(outcome.status, 'rejected');
    assert.deepEqual(
      [...outcome.problems],
      [[6, ['与第2行重复（姓名、出生日期、居住地相同且未填身份证号码）']]],
    );
  });

  it('rolls back the chunks already applied when a bad row comes in a later chunk', async () => {
    const before = await people();
    const rows = [
      row('早一', idOf(40)),
      row('早二', idOf(41)),
      row('早三', idOf(42)),
      row('早四', idOf(43)),
      row('坏区划', idOf(44), '340603999999'),
    ];
    const outcome = await intake(rows, 'late-bad-row');
    assert.equal(outcome.status, 'rejected');
    assert.deepEqual([...outcome.problems.keys()], [6]);
    assert.match(outcome.problems.get(6)![0], /不存在/);
    assert.deepEqual(await people(), before);
  });
});
