import { loadDemoCity, TEST_DEMO } from '../../src/demo/demo-city.ts';
import { hashPassword } from '../../src/domains/accounts/password.ts';
import type { Domain, PrincipalType, RoleName } from '../../src/domains/accounts/tables.ts';
import { ensureWebConsole, WEB_DIR } from '../../src/platform.ts';
import { buildApp, type App } from '../../src/server/app.ts';
import { makeDevelopmentKeys } from '../../src/shared/personal-data.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestServer {
  baseUrl: string;
  app: App;
  database: TestDatabase;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Serve the built console too (builds it when missing). */
  web?: boolean;
  demo?: boolean;
  clock?: () => Date;
}

/** The real HTTP server on a fresh database holding 淮北市 and the demo accounts. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { web = true, demo = true } = options;
  if (web) ensureWebBuilt();
  const database = await createTestDatabase();
  const keys = makeDevelopmentKeys();
  if (demo) await loadDemoCity(database.db, keys, TEST_DEMO);
  const app = await buildApp({
    db: database.db,
    keys,
    clock: options.clock ?? (() => new Date()),
    webDir: web ? WEB_DIR : null,
    servedRegions: ['3406'],
    logLevel: 'silent',
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** Builds the console when dist/web is missing or older than web/ (the same check the main command makes). */
export function ensureWebBuilt(): void {
  if (ensureWebConsole(() => {}) === 'unavailable') throw new Error('the web console could not be built');
}

/** Where an account's role applies: a region and domain for government users, an organisation for providers. */
export interface AccountPlace {
  region_code?: string | null;
  domain?: Domain | null;
  organisation_id?: number | null;
}

/**
 * An account with one role, written straight to the test database (the platform has no account administration
 * yet): display name `测试 <username>`, the demo password. Returns the account's id.
 */
export async function createAccount(
  server: Pick<TestServer, 'database'>,
  username: string,
  principalType: PrincipalType,
  role: RoleName,
  place: AccountPlace = {},
): Promise<number> {
  const { db } = server.database;
  const account = await db
    .insertInto('account')
    .values({
      username,
      display_name: `测试 ${username}`,
      principal_type: principalType,
      password_hash: await hashPassword('laoyou2026'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('account_role')
    .values({ account_id: account.id, role, ...place })
    .execute();
  return Number(account.id);
}

/** A demo account's id and the region its (first) role applies to, e.g. the community of `xiangshan.worker`. */
export async function accountPlace(
  server: Pick<TestServer, 'database'>,
  username: string,
): Promise<{ id: number; regionCode: string }> {
  const role = await server.database.db
    .selectFrom('account_role')
    .innerJoin('account', 'account.id', 'account_role.account_id')
    .select(['account.id', 'account_role.region_code'])
    .where('account.username', '=', username)
    .executeTakeFirstOrThrow();
  return { id: Number(role.id), regionCode: role.region_code! };
}
