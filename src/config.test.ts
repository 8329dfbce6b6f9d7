import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, readConfig } from './config.ts';

describe('main command options', () => {
  it('defaults to port 3000, ./data and the demo city 淮北 (3406)', () => {
    const config = readConfig([], {});
    assert.ok(config !== 'help');
    assert.equal(config.port, 3000);
    assert.equal(config.dataDir, path.resolve('data'));
    assert.equal(config.regions, '3406');
    assert.equal(config.databaseUrl, null);
    assert.equal(config.demo, true);
  });

  it('flags win over the environment', () => {
    const config = readConfig(['--port', '4000', '--data', '/tmp/x', '--region', '34', '--reset'], {
      PORT: '5000',
      LAOYOU_REGIONS: 'all',
      DATABASE_URL: 'postgres://db/laoyou',
    });
    assert.ok(config !== 'help');
    assert.deepEqual(
      [config.port, config.dataDir, config.regions, config.reset],
      [4000, '/tmp/x', '34', true],
    );
    assert.equal(config.databaseUrl, 'postgres://db/laoyou');
  });

  it('runs the scheduler unless --no-scheduler or LAOYOU_SCHEDULER=off', () => {
    const on = readConfig([], {});
    const flag = readConfig(['--no-scheduler'], {});
    const env = readConfig([], { LAOYOU_SCHEDULER: 'off' });
    assert.ok(on !== 'help' && flag !== 'help' && env !== 'help');
    assert.deepEqual([on.scheduler, flag.scheduler, env.scheduler], [true, false, false]);
  });

  it('answers --help and rejects unknown flags and bad ports', () => {
    assert.equal(readConfig(['--help'], {}), 'help');
    assert.throws(() => readConfig(['--colour'], {}), ConfigError);
    assert.throws(() => readConfig(['--port', 'eighty'], {}), ConfigError);
  });
});
