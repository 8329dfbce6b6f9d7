// Sealing beside the reading: seal() hands out the ciphertext and the keyed hash as ranges of the buffer a worker
// thread returns for the batch (hash() stays synchronous for kinds that match on it). The pipeline writes a batch's
// rows only after that batch's flush() has resolved, so no range is read before it is filled, and the worker seals
// one batch while the next is being read and checked.
import { Worker } from 'node:worker_threads';
import type { PersonalDataKeys } from '../../shared/personal-data.ts';
import { SealedBatch, SealedBytes } from './sealed-bytes.ts';
import { HASH_BYTES, IdNumberSealer, sealedLength, type SealedIdNumber } from './sealer.ts';

// The platform runs its TypeScript through tsx, whose loader Node 20 does not carry into worker threads: the worker
// registers it itself before loading its module.
const WORKER_BOOT = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.entry); });
`;

interface Waiting {
  batch: SealedBatch;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class WorkerSealer extends IdNumberSealer {
  private readonly worker: Worker;
  private readonly currentKeyId: string;
  private values: string[] = [];
  private batch = new SealedBatch();
  private batchBytes = 0;
  private readonly waiting: Waiting[] = [];
  private failure: Error | undefined;
  /** Until the worker has started (loading it takes a while), values are sealed here, at once. */
  private ready = false;

  constructor(keys: PersonalDataKeys) {
    super(keys);
    this.currentKeyId = keys.current;
    this.worker = new Worker(WORKER_BOOT, {
      eval: true,
      workerData: {
        entry: new URL('./seal-worker.ts', import.meta.url).href,
        current: keys.current,
        keys: keys.keys,
        hashKey: keys.hashKey,
      },
    });
    this.worker.on('message', (result: ArrayBuffer | 'ready') => {
      if (result === 'ready') this.ready = true;
      else this.settle(Buffer.from(result));
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the sealing worker exited (${code})`)));
  }

  override seal(value: string): SealedIdNumber {
    if (!this.ready || this.failure) return super.seal(value);
    const length = sealedLength(value);
    const cipher = new SealedBytes(this.batch, this.batchBytes, length);
    const hash = new SealedBytes(this.batch, this.batchBytes + length, HASH_BYTES);
    this.batchBytes += length + HASH_BYTES;
    this.values.push(value);
    return { cipher, keyId: this.currentKeyId, hash };
  }

  /** Sends what was sealed since the last flush to the worker; resolves once those ranges are filled. */
  flush(): Promise<void> | undefined {
    if (this.values.length === 0) return undefined;
    if (this.failure) return Promise.reject(this.failure);
    const batch = this.batch;
    const done = new Promise<void>((resolve, reject) => this.waiting.push({ batch, resolve, reject }));
    this.worker.postMessage(this.values);
    this.values = [];
    this.batch = new SealedBatch();
    this.batchBytes = 0;
    return done;
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private settle(result: Buffer): void {
    const next = this.waiting.shift();
    if (!next) return;
    next.batch.buffer = result;
    next.resolve();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.splice(0)) waiting.reject(error);
  }
}
