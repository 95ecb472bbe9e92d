import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

import { DecryptionError } from '../utils/errors';
import type { KeyRing } from './key-ring';

/**
 * Envelope of an encrypted value: `mg1.<key id>.<base64url(nonce | ciphertext | tag)>`.
 * `mg1` is the format version; the key id says which key of the ring opens it.
 */
const FORMAT = 'mg1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const ENVELOPE = /^mg1\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]+)$/;

export const isEnvelope = (value: unknown): value is string =>
  typeof value === 'string' && ENVELOPE.test(value);

export const envelopeKeyId = (value: string): string | undefined => ENVELOPE.exec(value)?.[1];

/**
 * Encrypts with the ring's current key. The context (for instance the content-type UID and the
 * field name) is bound as additional authenticated data, so a value copied into another field
 * fails authentication instead of decrypting.
 */
export const encryptValue = (ring: KeyRing, plaintext: string, context: string): string => {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', ring.current.key, nonce);
  cipher.setAAD(Buffer.from(`${FORMAT}|${ring.current.id}|${context}`, 'utf8'));
  const body = Buffer.concat([
    cipher.update(plaintext, 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);

  return `${FORMAT}.${ring.current.id}.${Buffer.concat([nonce, body]).toString('base64url')}`;
};

/**
 * Decrypts an envelope or throws `DecryptionError`. Never returns garbage and never hands
 * back the ciphertext: an unknown key, a malformed value or a failed tag are all refusals.
 */
export const decryptValue = (ring: KeyRing, envelope: string, context: string): string => {
  const match = ENVELOPE.exec(envelope);
  if (!match) {
    throw new DecryptionError('malformed', context);
  }

  const [, keyId, encoded] = match;
  const key = ring.byId.get(keyId);
  if (!key) {
    throw new DecryptionError('unknown-key', context, keyId);
  }

  const packed = Buffer.from(encoded, 'base64url');
  if (packed.length < NONCE_BYTES + TAG_BYTES) {
    throw new DecryptionError('malformed', context, keyId);
  }

  const nonce = packed.subarray(0, NONCE_BYTES);
  const tag = packed.subarray(packed.length - TAG_BYTES);
  const ciphertext = packed.subarray(NONCE_BYTES, packed.length - TAG_BYTES);

  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, nonce);
    decipher.setAAD(Buffer.from(`${FORMAT}|${keyId}|${context}`, 'utf8'));
    decipher.setAuthTag(tag);

    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new DecryptionError('authentication', context, keyId, { cause: error });
  }
};

/** Keyed hash used for lookups. Distinct purposes get distinct labels, so hashes never collide. */
export const blindIndex = (ring: KeyRing, purpose: string, ...parts: string[]): string => {
  const hmac = createHmac('sha256', ring.indexKey).update(purpose);
  for (const part of parts) {
    hmac.update('\u0000').update(part, 'utf8');
  }

  return hmac.digest('hex');
};

/** Normalisation applied before an email is indexed: trimmed and case-folded. */
export const normaliseEmail = (email: string): string =>
  email.trim().normalize('NFC').toLowerCase();
