import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock.ts';

describe('data folder lock', () => {
  const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'laoyou-lock-'));

  it('refuses a second holder while the first is alive, and frees the folder on release', async () => {
    const dir = folder();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    fs.writeFileSync(path.join(dir, 'laoyou.lock'), String(child.pid));
    try {
      assert.throws(() => acquireDataDirLock(dir), DataDirLockedError);
    } finally {
      child.kill();
    }
    await new Promise((resolve) => child.on('exit', resolve));
    const release = acquireDataDirLock(dir);
    assert.equal(fs.readFileSync(path.join(dir, 'laoyou.lock'), 'utf8'), String(process.pid));
    release();
    assert.equal(fs.existsSync(path.join(dir, 'laoyou.lock')), false);
  });

  it('takes over a lock left by a process that died', () => {
    const dir = folder();
    fs.writeFileSync(path.join(dir, 'laoyou.lock'), '999999');
    const release = acquireDataDirLock(dir);
    release();
  });
});
