import { createHash, hkdfSync } from 'node:crypto';

import { ConfigurationError } from '../utils/errors';

export const KEYS_VARIABLE = 'MESSENGER_GDPR_KEYS';

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export interface KeyRing {
  /** The key new values are encrypted with: the first one of the ring. */
  current: EncryptionKey;
  byId: ReadonlyMap<string, EncryptionKey>;
  /** Key for blind indexes and subject keys, derived apart from every encryption key. */
  indexKey: Buffer;
  /** A public fingerprint of the index key, to notice at startup that it changed. */
  indexKeyFingerprint: string;
}

/**
 * Decodes one key: 32 bytes written as 64 hex digits or as base64 (standard or URL-safe).
 * Returns undefined for anything else, so the caller can name the faulty entry.
 */
const decodeKey = (text: string): Buffer | undefined => {
  if (/^[0-9a-fA-F]{64}$/.test(text)) {
    return Buffer.from(text, 'hex');
  }

  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

    return key.length === 32 ? key : undefined;
  }

  return undefined;
};

/**
 * Parses `MESSENGER_GDPR_KEYS`: comma-separated `id:key` pairs, newest first.
 *
 * The index key is derived with HKDF from the oldest key of the ring, with its own label, so
 * that adding a new key in front (rotation) leaves every blind index valid. Retiring the
 * oldest key therefore changes the index key; startup notices that through the fingerprint.
 */
export const parseKeyRing = (raw: string | undefined): KeyRing => {
  if (raw === undefined || raw.trim() === '') {
    throw new ConfigurationError(
      `${KEYS_VARIABLE} is not set. Set it to "<id>:<32-byte key in base64 or hex>" (newest first, comma-separated); there is no default key.`,
    );
  }

  const keys: EncryptionKey[] = [];

  for (const [position, entry] of raw.split(',').entries()) {
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator).trim() : '';
    const encoded = separator > 0 ? entry.slice(separator + 1).trim() : '';

    if (!KEY_ID.test(id)) {
      throw new ConfigurationError(
        `${KEYS_VARIABLE}: entry ${position + 1} has no valid key id before ":" (letters, digits, "_" or "-", at most 32).`,
      );
    }

    const key = decodeKey(encoded);
    if (!key) {
      throw new ConfigurationError(
        `${KEYS_VARIABLE}: key "${id}" is not 32 bytes written in base64 or as 64 hex digits.`,
      );
    }

    if (keys.some((existing) => existing.id === id)) {
      throw new ConfigurationError(`${KEYS_VARIABLE}: key id "${id}" appears twice.`);
    }

    keys.push({ id, key });
  }

  const oldest = keys[keys.length - 1];
  const indexKey = Buffer.from(
    hkdfSync('sha256', oldest.key, Buffer.alloc(0), 'messenger-gdpr blind-index v1', 32),
  );

  return {
    current: keys[0],
    byId: new Map(keys.map((key) => [key.id, key])),
    indexKey,
    indexKeyFingerprint: createHash('sha256')
      .update('messenger-gdpr index-key fingerprint')
      .update(indexKey)
      .digest('hex')
      .slice(0, 16),
  };
};
