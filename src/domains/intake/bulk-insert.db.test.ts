// The bulk person insert that checks its region references once per region (bulk-insert.ts): integrity holds, and
// the per-row checks come back whenever the fast path is not allowed or would mute a trigger.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.ts';
import { inTransaction, openDatabase, type Db } from '../../db/database.ts';
import { makeIdNumber } from '../../shared/id-number.ts';
import { insertCheckingRegionsOnce } from './bulk-insert.ts';
import { peopleKind } from './kinds/people.ts';
import { peopleFileRun } from './intake-test-support.ts';
import { FileProblem, runIntake } from './pipeline.ts';

const VILLAGE = '340603001004'; // 相山区 相南街道 春秋社区
const NO_SUCH_REGION = '340603999999';

/** Inserts one person per given region code the way the people intake does. */
function insertPeople(tx: Parameters<typeof insertCheckingRegionsOnce>[0], codes: string[]) {
  const values = sql.join(codes.map((code, i) => sql`(${code}, ${`测试${i}`})`));
  const staged = sql`(VALUES ${values}) AS s (region_code, name)`;
  return insertCheckingRegionsOnce(tx, {
    table: 'person',
    regionCodes: sql`SELECT region_code AS code FROM ${staged}`,
    inserts: [
      sql<{ region_code: string }>`
        INSERT INTO person (region_code, name, sex, birth_date, registered_region_code)
        SELECT s.region_code, s.name, 'female', DATE '1950-01-01', s.region_code FROM ${staged}
        RETURNING region_code`,
    ],
  });
}

const countPeople = async (db: Db) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM person`.execute(db)).rows[0].n;

describe('bulk person insert with region references checked once per region', () => {
  let database: TestDatabase;
  const role = `laoyou_plain_${crypto.randomBytes(4).toString('hex')}`;

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await sql
      .raw(`DROP OWNED BY ${role}`)
      .execute(database.db)
      .catch(() => {});
    await sql.raw(`DROP ROLE IF EXISTS ${role}`).execute(database.db);
    await database.drop();
  });

  it('takes the fast path for a role that may, writes valid rows and turns the per-row triggers back on', async () => {
    const before = await countPeople(database.db);
    const result = await inTransaction(database.db, async (tx) => {
      const inserted = await insertPeople(tx, [VILLAGE, VILLAGE, '340603']);
      const { rows } = await sql<{ role: string }>`
        SELECT current_setting('session_replication_role') AS role`.execute(tx);
      return { ...inserted, roleAfter: rows[0].role };
    });
    assert.equal(result.fastPath, true);
    assert.equal(result.rows.length, 3);
    assert.equal(result.roleAfter, 'origin');
    assert.equal(await countPeople(database.db), before + 3);
  });

  it('refuses an insert naming a region that does not exist, and writes nothing', async () => {
    // The row checks report such rows first; this is the guard behind them that the muted RI triggers leave.
    const before = await countPeople(database.db);
    await assert.rejects(
      inTransaction(database.db, (tx) => insertPeople(tx, [VILLAGE, NO_SUCH_REGION])),
      (error) => error instanceof FileProblem && error.zh.includes(NO_SUCH_REGION),
    );
    assert.equal(await countPeople(database.db), before);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM person p WHERE NOT EXISTS (SELECT 1 FROM region r WHERE r.code = p.region_code)`.execute(
      database.db,
    );
    assert.equal(rows[0].n, 0);
  });

  it('falls back to per-row checks when a user trigger on person would be muted, and the trigger fires', async () => {
    await sql`CREATE TABLE person_insert_seen (region_code text NOT NULL)`.execute(database.db);
    await sql`
      CREATE FUNCTION person_insert_seen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO person_insert_seen VALUES (NEW.region_code); RETURN NEW; END $$`.execute(database.db);
    await sql`
      CREATE TRIGGER person_insert_seen AFTER INSERT ON person
      FOR EACH ROW EXECUTE FUNCTION person_insert_seen()`.execute(database.db);
    try {
      const result = await inTransaction(database.db, (tx) => insertPeople(tx, [VILLAGE, VILLAGE]));
      assert.equal(result.fastPath, false);
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM person_insert_seen`.execute(
        database.db,
      );
      assert.equal(rows[0].n, 2);
      // And the per-row foreign-key checks are back: a missing region fails in the insert itself.
      await assert.rejects(
        inTransaction(database.db, (tx) => insertPeople(tx, [NO_SUCH_REGION])),
        /foreign key/,
      );
    } finally {
      await sql`DROP TRIGGER person_insert_seen ON person`.execute(database.db);
      await sql`DROP FUNCTION person_insert_seen()`.execute(database.db);
      await sql`DROP TABLE person_insert_seen`.execute(database.db);
    }
  });

  it('falls back to per-row checks when person references a table other than region, and that reference is checked', async () => {
    await sql`CREATE TABLE person_sponsor (id bigint PRIMARY KEY)`.execute(database.db);
    await sql`ALTER TABLE person ADD COLUMN sponsor_id bigint REFERENCES person_sponsor (id)`.execute(
      database.db,
    );
    // A default set afterwards leaves the rows already there alone and puts sponsor 42 on every new row.
    await sql`ALTER TABLE person ALTER COLUMN sponsor_id SET DEFAULT 42`.execute(database.db);
    try {
      // Every inserted row names sponsor 42, which does not exist: only the per-row check can refuse it.
      await assert.rejects(
        inTransaction(database.db, (tx) => insertPeople(tx, [VILLAGE])),
        /foreign key/,
      );
      await sql`INSERT INTO person_sponsor VALUES (42)`.execute(database.db);
      const result = await inTransaction(database.db, (tx) => insertPeople(tx, [VILLAGE]));
      assert.equal(result.fastPath, false);
    } finally {
      await sql`ALTER TABLE person DROP COLUMN sponsor_id`.execute(database.db);
      await sql`DROP TABLE person_sponsor`.execute(database.db);
    }
  });

  it('falls back to per-row checks for a role that may not set replica mode, and a whole intake still applies', async () => {
    await sql.raw(`CREATE ROLE ${role} NOLOGIN`).execute(database.db);
    await sql.raw(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}`).execute(database.db);
    await sql.raw(`GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${role}`).execute(database.db);
    const plain = openDatabase(database.url, 2);
    plain.pool.on('connect', (client) => void client.query(`SET ROLE ${role}`));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-plain-role-'));
    try {
      const result = await inTransaction(plain.db, (tx) => insertPeople(tx, [VILLAGE]));
      assert.equal(result.fastPath, false);
      await assert.rejects(
        inTransaction(plain.db, (tx) => insertPeople(tx, [NO_SUCH_REGION])),
        /foreign key/,
      );

      const file = path.join(dir, 'people.csv');
      const header = peopleKind.columns.map((column) => column.header).join(',');
      const rows = [0, 1, 2].map(
        (i) => `普通${i},${makeIdNumber('340603', '1948-03-0' + (i + 1), 7)},,,${VILLAGE}`,
      );
      fs.writeFileSync(file, [header, ...rows].join('\n') + '\n');
      const outcome = await runIntake(plain.db, peopleFileRun(file));
      assert.equal(outcome.status, 'done', JSON.stringify([...outcome.problems]));
      assert.equal(outcome.created, 3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await plain.close();
    }
  });
});
