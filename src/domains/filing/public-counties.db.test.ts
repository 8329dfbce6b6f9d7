// The public register's county filter must work for a visitor who has not logged in, and offer only the counties of
// the regions the deployment serves.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/helpers/server.ts';

describe('public county list', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ web: false });
  });
  after(() => server.close());

  it('lists the served counties in force, without a session', async () => {
    const response = await fetch(`${server.baseUrl}/api/public/counties`);
    assert.equal(response.status, 200);
    const { counties } = (await response.json()) as { counties: { code: string; name: string }[] };
    assert.ok(counties.length > 0, 'the demo city has counties');
    assert.ok(
      counties.every((county) => /^3406\d{2}$/.test(county.code)),
      'only counties of 淮北市 (3406)',
    );
    assert.ok(counties.some((county) => county.code === '340603' && county.name === '相山区'));
    assert.deepEqual(
      counties.map((county) => county.code),
      [...counties.map((county) => county.code)].sort(),
    );
  });

  it('is not the login-guarded region tree', async () => {
    const response = await fetch(`${server.baseUrl}/api/regions/roots`);
    assert.equal(response.status, 401);
  });
});
