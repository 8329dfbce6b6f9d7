import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openIdNumber } from '../people/id-number-field.ts';
import { makeDevelopmentKeys, personalDataHash, type PersonalDataKeys } from '../../shared/personal-data.ts';
import { SealedBytes } from './sealed-bytes.ts';
import { IdNumberSealer } from './sealer.ts';
import { WorkerSealer } from './worker-sealer.ts';

const bytes = (value: Buffer | SealedBytes) => (value instanceof SealedBytes ? value.bytes() : value);

describe('bulk ID number sealing', () => {
  it('makes what the registry reads back: the same keyed hash and a ciphertext openIdNumber opens', () => {
    const keys = makeDevelopmentKeys();
    const sealer = new IdNumberSealer(keys);
    const value = '34060319400305002X';
    const sealed = sealer.seal(value);
    assert.deepEqual(bytes(sealed.hash), personalDataHash(keys, value));
    assert.equal(sealed.keyId, keys.current);
    assert.equal(openIdNumber(keys, bytes(sealed.cipher), sealed.keyId), value);
    assert.ok(!bytes(sealed.cipher).toString('latin1').includes('340603'));
  });

  it('never reuses an IV, across refills of its random buffer', () => {
    const sealer = new IdNumberSealer(makeDevelopmentKeys());
    const ivs = new Set<string>();
    for (let i = 0; i < 10_000; i++)
      ivs.add(bytes(sealer.seal('340603194003050029').cipher).subarray(0, 12).toString('hex'));
    assert.equal(ivs.size, 10_000);
  });

  it('hashes with keys longer than a SHA-256 block as HMAC does', () => {
    const base = makeDevelopmentKeys();
    const keys: PersonalDataKeys = { ...base, hashKey: Buffer.alloc(100, 7) };
    assert.deepEqual(
      new IdNumberSealer(keys).hash('340603194003050029'),
      personalDataHash(keys, '340603194003050029'),
    );
  });

  it('seals in a worker thread what the registry reads back, before and after the worker has started', async () => {
    const keys = makeDevelopmentKeys();
    const sealer = new WorkerSealer(keys);
    try {
      const values = Array.from({ length: 3000 }, (_, i) => `3406031940030${String(i).padStart(4, '0')}X`);
      const sealed = [];
      // Batches until the worker has taken some: the first ones are sealed at once while it is still starting.
      let batch = 0;
      let viaWorker = 0;
      while (viaWorker === 0 || batch < 3) {
        const taken = values.map((value) => ({ value, sealed: sealer.seal(value) }));
        const done = sealer.flush();
        if (done) viaWorker += taken.length;
        await done;
        // As reading a file does, give the event loop a turn (the worker's "started" arrives through it).
        await new Promise((resolve) => setImmediate(resolve));
        sealed.push(...taken);
        batch++;
      }
      assert.ok(viaWorker > 0, 'the worker sealed some batches');
      for (const { value, sealed: one } of sealed) {
        assert.deepEqual(bytes(one.hash), personalDataHash(keys, value));
        assert.equal(openIdNumber(keys, bytes(one.cipher), one.keyId), value);
      }
      const ivs = new Set(sealed.map(({ sealed: one }) => bytes(one.cipher).subarray(0, 12).toString('hex')));
      assert.equal(ivs.size, sealed.length, 'no IV repeats between the worker and the main thread');
    } finally {
      await sealer.close();
    }
  });
});
