// The worker thread of WorkerSealer: encrypts and hashes batches of ID numbers with the same IdNumberSealer, so that
// AES-GCM and the keyed hash (~8 µs of an intake row's Node CPU) run beside the reading and checking of the next batch.
import { parentPort, workerData } from 'node:worker_threads';
import type { PersonalDataKeys } from '../../shared/personal-data.ts';
import { HASH_BYTES, IdNumberSealer, sealedLength } from './sealer.ts';

// Buffers arrive as plain Uint8Arrays through the structured clone.
const given = workerData as {
  entry: string;
  current: string;
  keys: Record<string, Uint8Array>;
  hashKey: Uint8Array;
};
const keys: PersonalDataKeys = {
  current: given.current,
  keys: Object.fromEntries(Object.entries(given.keys).map(([id, key]) => [id, Buffer.from(key)])),
  hashKey: Buffer.from(given.hashKey),
};
const sealer = new IdNumberSealer(keys);

// Each value becomes its ciphertext followed by its keyed hash, in the order sent (the layout WorkerSealer reads).
parentPort!.on('message', (values: string[]) => {
  let total = 0;
  for (const value of values) total += sealedLength(value) + HASH_BYTES;
  // Its own ArrayBuffer (never Buffer's shared pool), handed over to the main thread without a copy.
  const out = Buffer.from(new ArrayBuffer(total));
  let at = 0;
  for (const value of values) {
    sealer.encryptInto(value, out, at);
    at += sealedLength(value);
    sealer.hash(value).copy(out, at);
    at += HASH_BYTES;
  }
  parentPort!.postMessage(out.buffer, [out.buffer]);
});
parentPort!.postMessage('ready');
