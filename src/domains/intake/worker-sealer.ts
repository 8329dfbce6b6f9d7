// Sealing beside the reading: seal() hands out the hash at once (kinds and checks may use it) and a cipher buffer
// that a worker thread fills. The pipeline writes a batch's rows only after that batch's flush() has resolved, so no
// buffer is read before it holds its ciphertext, and the worker encrypts one batch while the next is being checked.
import { Worker } from 'node:worker_threads';
import type { PersonalDataKeys } from '../../shared/personal-data.ts';
import { IdNumberSealer, sealedLength, type SealedIdNumber } from './sealer.ts';

// The platform runs its TypeScript through tsx, whose loader Node 20 does not carry into worker threads: the worker
// registers it itself before loading its module.
const WORKER_BOOT = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.entry); });
`;

interface Waiting {
  targets: Buffer[];
  resolve: () => void;
  reject: (error: Error) => void;
}

export class WorkerSealer extends IdNumberSealer {
  private readonly worker: Worker;
  private readonly currentKeyId: string;
  private values: string[] = [];
  private targets: Buffer[] = [];
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
    const cipher = Buffer.allocUnsafe(sealedLength(value));
    this.values.push(value);
    this.targets.push(cipher);
    return { cipher, keyId: this.currentKeyId, hash: this.hash(value) };
  }

  /** Sends what was sealed since the last flush to the worker; resolves once those cipher buffers are filled. */
  flush(): Promise<void> | undefined {
    if (this.values.length === 0) return undefined;
    if (this.failure) return Promise.reject(this.failure);
    const targets = this.targets;
    const done = new Promise<void>((resolve, reject) => this.waiting.push({ targets, resolve, reject }));
    this.worker.postMessage(this.values);
    this.values = [];
    this.targets = [];
    return done;
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private settle(result: Buffer): void {
    const next = this.waiting.shift();
    if (!next) return;
    let at = 0;
    for (const target of next.targets) {
      result.copy(target, 0, at, at + target.length);
      at += target.length;
    }
    next.resolve();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.splice(0)) waiting.reject(error);
  }
}
