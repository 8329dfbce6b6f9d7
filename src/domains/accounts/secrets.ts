import crypto from 'node:crypto';

/** Session ids and API tokens are random; only their SHA-256 is stored, so a database dump cannot log anyone in. */
export function newSecret(prefix: string): string {
  return prefix + crypto.randomBytes(32).toString('base64url');
}

export function secretHash(secret: string): Buffer {
  return crypto.createHash('sha256').update(secret).digest();
}
