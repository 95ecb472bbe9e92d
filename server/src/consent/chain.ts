import { createHash } from 'node:crypto';

/** The fields of a ledger row that its hash covers, in a fixed order. */
export interface LedgerFields {
  subjectKey: string;
  purpose: string;
  action: string;
  policyVersion: string | null;
  method: string;
  eventTime: number;
  receiptId: number | null;
  eventPath: string | null;
  evidence: string;
  adminUserId: number | null;
  previousHash: string | null;
}

export const GENESIS = 'genesis';

/** SHA-256 over a canonical serialisation: the same fields always give the same hash. */
export const ledgerHash = (fields: LedgerFields): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        'messenger-gdpr consent v1',
        fields.subjectKey,
        fields.purpose,
        fields.action,
        fields.policyVersion,
        fields.method,
        fields.eventTime,
        fields.receiptId,
        fields.eventPath,
        fields.evidence,
        fields.adminUserId,
        fields.previousHash,
      ]),
    )
    .digest('hex');

/**
 * A unique key per chain position: two rows can never follow the same predecessor, so
 * concurrent appends for one subject cannot fork the chain (the loser retries).
 */
export const chainLink = (subjectKey: string, previousHash: string | null): string =>
  createHash('sha256')
    .update(`${subjectKey}|${previousHash ?? GENESIS}`)
    .digest('hex');
