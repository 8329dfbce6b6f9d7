import { parseArgs } from 'node:util';
import path from 'node:path';

/** Everything the main command can be told, from flags first, then environment variables. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  regions: string;
  reset: boolean;
  demo: boolean;
  personalDataKeys: string | null;
  personalDataHashKey: string | null;
  logLevel: string;
  trustedProxies: string | null;
  /** Run the caring-visit scheduler (daily roster sync, monthly tasks) in this process. */
  scheduler: boolean;
}

export const HELP = `laoyou 老幼 — 一老一小 platform

Usage: npm start -- [options]

Options:
  --port <n>          HTTP port (env PORT, default 3000)
  --host <addr>       address to listen on (env HOST, default 127.0.0.1)
  --data <dir>        folder for the embedded PostgreSQL data (env LAOYOU_DATA_DIR, default ./data)
  --region <codes>    part of China to serve: a comma list of province/city/county codes, or "all"
                      (env LAOYOU_REGIONS, default 3406 = 淮北市, the demo city)
  --reset             delete the embedded database and start again from an empty one
  --no-demo           do not load the demo city into an empty database
  --no-scheduler      do not run scheduled work (caring-visit roster sync and monthly tasks) in this process
  -h, --help          show this help

Environment:
  DATABASE_URL                  use this PostgreSQL (≥15) instead of the embedded one
  LAOYOU_PERSONAL_DATA_KEYS     "keyId:base64(32 bytes),..." AES-256-GCM keys, first is current
  LAOYOU_PERSONAL_DATA_HASH_KEY base64(≥32 bytes) key for finding ID numbers by keyed hash
                                (without both, development keys are used and a warning is printed)
  LOG_LEVEL                     pino log level (default info)
  LAOYOU_TRUSTED_PROXIES        reverse-proxy addresses whose X-Forwarded-For is believed (e.g. 127.0.0.1)
  LAOYOU_SCHEDULER              "off" is the same as --no-scheduler (the test runner sets it)
`;

export class ConfigError extends Error {}

export function readConfig(argv: string[], env: NodeJS.ProcessEnv): Config | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        region: { type: 'string' },
        reset: { type: 'boolean', default: false },
        'no-demo': { type: 'boolean', default: false },
        'no-scheduler': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const values = parsed.values;
  if (values.help) return 'help';
  const portText = values.port ?? env.PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`invalid port: ${portText}`);
  return {
    port,
    host: values.host ?? env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(values.data ?? env.LAOYOU_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || null,
    regions: values.region ?? env.LAOYOU_REGIONS ?? '3406',
    reset: values.reset ?? false,
    demo: !values['no-demo'],
    personalDataKeys: env.LAOYOU_PERSONAL_DATA_KEYS || null,
    personalDataHashKey: env.LAOYOU_PERSONAL_DATA_HASH_KEY || null,
    logLevel: env.LOG_LEVEL ?? 'info',
    trustedProxies: env.LAOYOU_TRUSTED_PROXIES || null,
    scheduler: !values['no-scheduler'] && env.LAOYOU_SCHEDULER !== 'off',
  };
}
