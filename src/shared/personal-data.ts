// Protection of personal identifiers (ID numbers etc.) at rest: reversible
// AES-256-GCM encryption for display/export, plus a keyed hash for equality lookups
// so the database can be searched without ever holding the plaintext.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

export interface PersonalDataKeys {
  /** Key id used for new encryptions. */
  current: string;
  /** All keys that may still be needed to decrypt, by key id. */
  keys: Record<string, Buffer>;
  /** HMAC key (≥32 bytes) for lookup hashes; kept apart so rotating encryption keys does not invalidate hashes. */
  hashKey: Buffer;
}

const KEY_ID_RE = /^[a-z0-9_-]{1,32}$/;
const BASE64_RE = /^[A-Za-z0-9+/]+={0,2}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

// Buffer.from(…, 'base64') silently skips garbage, so a typo in a key would otherwise
// yield a different (shorter) key instead of an error.
function decodeBase64Strict(s: string): Buffer | null {
  if (!BASE64_RE.test(s) || s.length % 4 !== 0) return null;
  return Buffer.from(s, 'base64');
}

/**
 * Parses `keyId1:base64key1,keyId2:base64key2` (first listed is current) and the
 * base64 hash key. Error messages name key ids only, never key material.
 */
export function parsePersonalDataKeys(spec: string, hashKeySpec: string): PersonalDataKeys {
  const keys: Record<string, Buffer> = {};
  let current: string | undefined;
  const entries = spec.split(',').map((e) => e.trim());
  if (spec.trim() === '' || entries.some((e) => e === '')) {
    throw new Error(
      'personal data key spec must be "keyId:base64key[,keyId:base64key…]" with no empty entries',
    );
  }
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    if (colon < 0) throw new Error(`personal data key entry #${index + 1} is missing "keyId:"`);
    const keyId = entry.slice(0, colon);
    if (!KEY_ID_RE.test(keyId)) {
      throw new Error(`personal data key entry #${index + 1}: key id must match ${KEY_ID_RE}`);
    }
    if (Object.hasOwn(keys, keyId)) throw new Error(`personal data key id "${keyId}" is listed twice`);
    const key = decodeBase64Strict(entry.slice(colon + 1).trim());
    if (key === null || key.length !== 32) {
      throw new Error(`personal data key "${keyId}" must be base64 of exactly 32 bytes`);
    }
    keys[keyId] = key;
    current ??= keyId;
  });
  const hashKey = decodeBase64Strict(hashKeySpec.trim());
  if (hashKey === null || hashKey.length < 32) {
    throw new Error('personal data hash key must be base64 of at least 32 bytes');
  }
  return { current: current as string, keys, hashKey };
}

function keyFor(keys: PersonalDataKeys, keyId: string): Buffer {
  const key = Object.hasOwn(keys.keys, keyId) ? keys.keys[keyId] : undefined;
  if (!key) throw new Error(`unknown personal data key id "${keyId}"`);
  return key;
}

/** Returns iv(12) | tag(16) | ciphertext; store keyId in its own column. */
export function encryptPersonalData(
  keys: PersonalDataKeys,
  plaintext: string,
): { cipher: Buffer; keyId: string } {
  const keyId = keys.current;
  const iv = randomBytes(IV_BYTES);
  const c = createCipheriv('aes-256-gcm', keyFor(keys, keyId), iv);
  // Binding the key id as AAD stops a ciphertext being relabelled with another key id.
  c.setAAD(Buffer.from(keyId, 'utf8'));
  const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return { cipher: Buffer.concat([iv, c.getAuthTag(), body]), keyId };
}

/** Throws if the key id is unknown or the ciphertext fails authentication. */
export function decryptPersonalData(keys: PersonalDataKeys, cipher: Buffer, keyId: string): string {
  const key = keyFor(keys, keyId);
  if (cipher.length < IV_BYTES + TAG_BYTES) throw new Error('personal data ciphertext is truncated');
  const d = createDecipheriv('aes-256-gcm', key, cipher.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  d.setAAD(Buffer.from(keyId, 'utf8'));
  d.setAuthTag(cipher.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([d.update(cipher.subarray(IV_BYTES + TAG_BYTES)), d.final()]).toString('utf8');
  } catch {
    throw new Error(`personal data ciphertext failed authentication (key id "${keyId}")`);
  }
}

/** Keyed hash of an already-normalised value, for exact-match lookups. */
export function personalDataHash(keys: PersonalDataKeys, normalisedValue: string): Buffer {
  return createHmac('sha256', keys.hashKey).update(normalisedValue, 'utf8').digest();
}

/**
 * INSECURE, PUBLICLY KNOWN keys for the demo and tests only. They are derived from
 * fixed strings so demo data stays decryptable across restarts and test runs are
 * reproducible without configuration. Never use these for real personal data.
 */
export function makeDevelopmentKeys(): PersonalDataKeys {
  const derive = (label: string) =>
    createHash('sha256').update(`laoyou insecure development ${label}`).digest();
  return { current: 'dev1', keys: { dev1: derive('encryption key dev1') }, hashKey: derive('hash key') };
}
