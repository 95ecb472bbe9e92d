import { CONTENT_TYPES } from '../../../plugin/identity';
import { normaliseEmail } from './field-cipher';

export interface BlindIndexSpec {
  /** Attribute that holds the keyed hash. */
  attribute: string;
  /** Label of the hash, so that a PSID hash never equals an email hash. */
  purpose: string;
  normalise: (value: string) => string;
}

export interface EncryptedFieldSpec {
  attribute: string;
  index?: BlindIndexSpec;
}

/**
 * Which attributes hold personal data, per content type. Every write path encrypts these and
 * keeps their blind indexes in step; every read path decrypts them.
 */
export const ENCRYPTED_FIELDS: Readonly<Record<string, readonly EncryptedFieldSpec[]>> = {
  [CONTENT_TYPES.subscriber]: [
    {
      attribute: 'psid',
      index: { attribute: 'psidIndex', purpose: 'psid', normalise: (value) => value.trim() },
    },
    {
      attribute: 'email',
      index: { attribute: 'emailIndex', purpose: 'email', normalise: normaliseEmail },
    },
    { attribute: 'firstName' },
    { attribute: 'lastName' },
  ],
  [CONTENT_TYPES.webhookReceipt]: [{ attribute: 'rawBody' }],
};

export const encryptedUids = (): string[] => Object.keys(ENCRYPTED_FIELDS);

/** The authenticated context of a value: it only opens in the field it was written to. */
export const fieldContext = (uid: string, attribute: string): string => `${uid}#${attribute}`;
