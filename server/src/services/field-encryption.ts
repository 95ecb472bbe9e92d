import type { Core } from '@strapi/strapi';

import {
  ENCRYPTED_FIELDS,
  type EncryptedFieldSpec,
  fieldContext,
} from '../crypto/encrypted-fields';
import { blindIndex, decryptValue, encryptValue, isEnvelope } from '../crypto/field-cipher';
import { UnsafeWriteError } from '../utils/errors';
import { getService } from '../utils/get-service';

type Row = Record<string, unknown>;

const specsOf = (uid: string): readonly EncryptedFieldSpec[] => ENCRYPTED_FIELDS[uid] ?? [];

/** Attributes that may never appear in a filter: their stored form is ciphertext. */
const forbiddenFilterKeys = (uid: string): Set<string> =>
  new Set(specsOf(uid).map((spec) => spec.attribute));

/**
 * Field-level encryption of personal data. The DB lifecycles registered in bootstrap call it on
 * every Query Engine and Document Service write (single and bulk) and every read, so the
 * Content Manager, REST and the plugin's own services all pass through it.
 */
const fieldEncryption = ({ strapi }: { strapi: Core.Strapi }) => {
  const ring = () => getService(strapi, 'settings').keyRing();

  /**
   * Encrypts the personal-data attributes of one write's data in place and recomputes their
   * blind indexes. A value that already is an envelope must open under our keys in this very
   * field (the re-encryption command writes such values); anything else is refused.
   */
  const encryptData = (uid: string, data: Row | undefined | null): void => {
    if (!data || typeof data !== 'object') {
      return;
    }

    for (const spec of specsOf(uid)) {
      if (spec.index && spec.index.attribute in data && !(spec.attribute in data)) {
        throw new UnsafeWriteError(
          `${uid}: ${spec.index.attribute} is derived from ${spec.attribute} and cannot be written on its own`,
        );
      }

      if (!(spec.attribute in data)) {
        continue;
      }

      const value = data[spec.attribute];
      const context = fieldContext(uid, spec.attribute);

      if (value === null || value === undefined) {
        if (spec.index) {
          data[spec.index.attribute] = null;
        }
        continue;
      }

      if (typeof value !== 'string') {
        throw new UnsafeWriteError(`${uid}: ${spec.attribute} must be a string to be encrypted`);
      }

      if (isEnvelope(value)) {
        // Proves the envelope belongs here; throws DecryptionError otherwise.
        const plaintext = decryptValue(ring(), value, context);
        if (spec.index) {
          data[spec.index.attribute] = blindIndex(
            ring(),
            spec.index.purpose,
            spec.index.normalise(plaintext),
          );
        }
        continue;
      }

      data[spec.attribute] = encryptValue(ring(), value, context);
      if (spec.index) {
        data[spec.index.attribute] = blindIndex(
          ring(),
          spec.index.purpose,
          spec.index.normalise(value),
        );
      }
    }
  };

  /** Decrypts one row's personal-data attributes in place. Never writes anything back. */
  const decryptRow = (uid: string, row: unknown): void => {
    if (!row || typeof row !== 'object') {
      return;
    }

    const record = row as Row;
    for (const spec of specsOf(uid)) {
      const value = record[spec.attribute];
      if (typeof value === 'string') {
        record[spec.attribute] = decryptValue(ring(), value, fieldContext(uid, spec.attribute));
      }
    }
  };

  /**
   * Refuses filters on encrypted attributes: they would silently match nothing. Lookups go
   * through the blind index attributes instead.
   */
  const assertFilterable = (uid: string, where: unknown): void => {
    const forbidden = forbiddenFilterKeys(uid);
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach(visit);
        return;
      }
      if (!node || typeof node !== 'object') {
        return;
      }
      for (const [key, child] of Object.entries(node)) {
        if (forbidden.has(key)) {
          throw new UnsafeWriteError(
            `${uid}: ${key} is encrypted and cannot be filtered on; filter on its blind index instead`,
          );
        }
        visit(child);
      }
    };
    visit(where);
  };

  return {
    encryptData,
    decryptRow,
    assertFilterable,
    blindIndex: (purpose: string, ...parts: string[]) => blindIndex(ring(), purpose, ...parts),
    encrypt: (uid: string, attribute: string, value: string) =>
      encryptValue(ring(), value, fieldContext(uid, attribute)),
    decrypt: (uid: string, attribute: string, envelope: string) =>
      decryptValue(ring(), envelope, fieldContext(uid, attribute)),
  };
};

export default fieldEncryption;
