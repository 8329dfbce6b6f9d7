import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { logIn } from '../../../test/helpers/http.ts';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';
import { buildApp } from '../../server/app.ts';
import { makeDevelopmentKeys } from '../../shared/personal-data.ts';
import { SERVER_STOPPED } from './jobs.ts';

describe('intake jobs a stopped server left unfinished', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ web: false });
  });
  after(async () => {
    await server.close();
  });

  async function jobOf(username: string, status: 'queued' | 'validating' | 'applying' | 'done') {
    const { db } = server.database;
    const account = await db
      .selectFrom('account')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    const finished = status === 'done';
    const job = await db
      .insertInto('intake_job')
      .values({
        region_code: '3406',
        account_id: account.id,
        kind: 'people',
        file_name: 'people.csv',
        file_format: 'csv',
        file_bytes: 100,
        file_sha256: crypto.randomBytes(32),
        status,
        progress: finished ? 1 : 0.4,
        rows_read: finished ? 0 : 120,
        started_at: status === 'queued' ? null : new Date(),
        finished_at: finished ? new Date() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return job.id;
  }

  it('become failed with a Chinese and English reason when the server starts again, and are audited', async () => {
    const validating = await jobOf('city.civil', 'validating');
    const applying = await jobOf('city.civil', 'applying');
    const queued = await jobOf('city.civil', 'queued');
    const done = await jobOf('city.civil', 'done');

    // The server starting again on the same database: the first server never ran these jobs, as a crashed one would.
    const restarted = await buildApp({
      db: server.database.db,
      keys: makeDevelopmentKeys(),
      clock: () => new Date(),
      webDir: null,
      servedRegions: ['3406'],
      logLevel: 'silent',
    });
    try {
      await restarted.ready();
      const city = await logIn(restarted, 'city.civil');
      for (const id of [validating, applying, queued]) {
        const reply = await city.request('GET', `/api/intake/jobs/${id}`);
        assert.equal(reply.status, 200);
        assert.equal(reply.body.status, 'failed', `job ${id}`);
        assert.deepEqual(reply.body.message, SERVER_STOPPED);
        assert.match(reply.body.message['zh-CN'], /服务器.*停止.*未导入/);
        assert.ok(reply.body.finishedAt, 'a failed job is finished');
      }
      const untouched = await city.request('GET', `/api/intake/jobs/${done}`);
      assert.equal(untouched.body.status, 'done', 'a finished job keeps its outcome');

      const audited = await server.database.db
        .selectFrom('audit_entry')
        .select('entity_id')
        .where('entity', '=', 'intake_job')
        .where('action', '=', 'update')
        .execute();
      assert.deepEqual(
        audited.map((entry) => Number(entry.entity_id)).sort((a, b) => a - b),
        [validating, applying, queued].sort((a, b) => a - b),
      );
    } finally {
      // The restarted app shares the test server's pool, which server.close() ends.
      await restarted.close();
    }
  });
});
