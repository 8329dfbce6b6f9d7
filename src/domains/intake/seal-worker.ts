// The worker thread of WorkerSealer: encrypts batches of ID numbers with the same IdNumberSealer, so that AES-GCM (a
// third of the CPU an intake row costs in Node) runs beside the reading and checking of the next batch.
import { parentPort, workerData } from 'node:worker_threads';
import type { PersonalDataKeys } from '../../shared/personal-data.ts';
import { IdNumberSealer, sealedLength } from './sealer.ts';

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

parentPort!.on('message', (values: string[]) => {
  let total = 0;
  for (const value of values) total += sealedLength(value);
  // Its own ArrayBuffer (never Buffer's shared pool), handed over to the main thread without a copy.
  const out = Buffer.from(new ArrayBuffer(total));
  let at = 0;
  for (const value of values) {
    sealer.encryptInto(value, out, at);
    at += sealedLength(value);
  }
  parentPort!.postMessage(out.buffer, [out.buffer]);
});
parentPort!.postMessage('ready');
