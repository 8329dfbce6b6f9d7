// Sealing ID numbers a million at a time: the same ciphertext layout and keyed hash as shared/personal-data.ts (so
// openIdNumber and lookups by hash work on them unchanged), with the per-call overheads taken out: IVs come from one
// large random buffer, the key-id AAD is encoded once, and the HMAC is two one-shot SHA-256 hashes over a reused
// buffer instead of an HMAC object per value.
import crypto from 'node:crypto';
import type { PersonalDataKeys } from '../../shared/personal-data.ts';
import type { SealedBytes } from './sealed-bytes.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const BLOCK = 64;
const IVS_PER_REFILL = 4096;

export interface SealedIdNumber {
  /** Bytes for the staging table: buffers, or ranges a worker fills before the batch is written (WorkerSealer). */
  cipher: Buffer | SealedBytes;
  keyId: string;
  hash: Buffer | SealedBytes;
}

export const HASH_BYTES = 32;

type OneShotHash = (algorithm: string, data: Buffer, encoding: 'buffer') => Buffer;
// crypto.hash (Node ≥ 20.12) hashes without creating a Hash object; older runtimes fall back to createHash.
const oneShot: OneShotHash =
  (crypto as unknown as { hash?: OneShotHash }).hash ??
  ((algorithm, data) => crypto.createHash(algorithm).update(data).digest());

export class IdNumberSealer {
  private readonly key: Buffer;
  private readonly keyId: string;
  private readonly aad: Buffer;
  private readonly inner = Buffer.alloc(BLOCK + 256);
  private readonly outer = Buffer.alloc(BLOCK + 32);
  private ivs = Buffer.alloc(0);
  private ivAt = 0;

  constructor(keys: PersonalDataKeys) {
    this.keyId = keys.current;
    this.key = keys.keys[keys.current];
    this.aad = Buffer.from(this.keyId, 'utf8');
    // HMAC (RFC 2104): keys longer than the block are hashed first, shorter ones zero-padded.
    const hmacKey = keys.hashKey.length > BLOCK ? oneShot('sha256', keys.hashKey, 'buffer') : keys.hashKey;
    for (let i = 0; i < BLOCK; i++) {
      const k = i < hmacKey.length ? hmacKey[i] : 0;
      this.inner[i] = k ^ 0x36;
      this.outer[i] = k ^ 0x5c;
    }
  }

  private nextIv(): Buffer {
    if (this.ivAt === this.ivs.length) {
      this.ivs = crypto.randomBytes(IV_BYTES * IVS_PER_REFILL);
      this.ivAt = 0;
    }
    const iv = this.ivs.subarray(this.ivAt, this.ivAt + IV_BYTES);
    this.ivAt += IV_BYTES;
    return iv;
  }

  /** Keyed hash of an ASCII value (an ID number), equal to personalDataHash. */
  hash(value: string): Buffer {
    const n = this.inner.write(value, BLOCK, 'latin1');
    if (n !== value.length || BLOCK + n >= this.inner.length)
      throw new Error('hash expects a short ASCII value');
    oneShot('sha256', this.inner.subarray(0, BLOCK + n), 'buffer').copy(this.outer, BLOCK);
    return oneShot('sha256', this.outer, 'buffer');
  }

  /** iv | tag | ciphertext of an ASCII value into `out` (sealedLength(value) bytes from `at`), as encryptPersonalData. */
  encryptInto(value: string, out: Buffer, at = 0): void {
    const iv = this.nextIv();
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(this.aad);
    const body = cipher.update(value, 'latin1');
    cipher.final();
    iv.copy(out, at);
    cipher.getAuthTag().copy(out, at + IV_BYTES);
    body.copy(out, at + IV_BYTES + TAG_BYTES);
  }

  seal(value: string): SealedIdNumber {
    const out = Buffer.allocUnsafe(sealedLength(value));
    this.encryptInto(value, out);
    return { cipher: out, keyId: this.keyId, hash: this.hash(value) };
  }
}

/** Bytes of a sealed ASCII value: GCM adds no padding, only the IV and the tag. */
export function sealedLength(value: string): number {
  return IV_BYTES + TAG_BYTES + value.length;
}
