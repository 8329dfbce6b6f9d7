import { loadDemoCity, TEST_DEMO } from '../../src/demo/demo-city.ts';
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
