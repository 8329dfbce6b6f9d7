// Ciphertexts and keyed hashes that a worker thread fills in later (worker-sealer.ts): each is a range of the one
// buffer the worker returns for its whole batch, so a row costs no buffer of its own and nothing is copied per row.

/** The buffer a batch of sealed values lands in, once the worker has answered. */
export class SealedBatch {
  buffer: Buffer | undefined;
}

export class SealedBytes {
  constructor(
    private readonly batch: SealedBatch,
    readonly start: number,
    readonly length: number,
  ) {}

  /** The batch's buffer; reading it before the batch is sealed is a bug in the caller. */
  source(): Buffer {
    if (this.batch.buffer === undefined) throw new Error('sealed bytes read before their batch was sealed');
    return this.batch.buffer;
  }

  bytes(): Buffer {
    return this.source().subarray(this.start, this.start + this.length);
  }
}
