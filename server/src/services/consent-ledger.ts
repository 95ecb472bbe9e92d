import type { Core } from '@strapi/strapi';

import type {
  ConsentAction,
  ConsentMethod,
  ConsentPurpose,
  ProofCheck,
} from '../../../plugin/contracts/subscribers';
import { CONTENT_TYPES } from '../../../plugin/identity';
import { chainLink, type LedgerFields, ledgerHash } from '../consent/chain';
import { getService } from '../utils/get-service';
import { extractEvents, parseWebhookBody } from '../webhook/events';
import { isValidSignature } from '../webhook/signature';

export interface ConsentEntry {
  subjectKey: string;
  purpose: ConsentPurpose;
  action: ConsentAction;
  method: ConsentMethod;
  eventTime: number;
  policyVersion?: string | null;
  /** Evidence: the signed receipt and the event's place in it, or the admin who acted. */
  receiptId?: number | null;
  eventPath?: string | null;
  adminUserId?: number | null;
  /** Identifies the event that caused this row, so a redelivery adds nothing. */
  eventKey: string;
}

export interface ConsentRow extends LedgerFields {
  id: number;
  hash: string;
  createdAt: string;
}

/** What re-verifying a row found: the contract the Subscribers page shows. */
export type ProofStatus = ProofCheck;

const toFields = (row: Record<string, unknown>): LedgerFields => ({
  subjectKey: String(row.subjectKey),
  purpose: String(row.purpose),
  action: String(row.action),
  policyVersion: (row.policyVersion as string | null) ?? null,
  method: String(row.method),
  eventTime: Number(row.eventTime),
  receiptId: row.receiptId === null || row.receiptId === undefined ? null : Number(row.receiptId),
  eventPath: (row.eventPath as string | null) ?? null,
  evidence: String(row.evidence),
  adminUserId:
    row.adminUserId === null || row.adminUserId === undefined ? null : Number(row.adminUserId),
  previousHash: (row.previousHash as string | null) ?? null,
});

/**
 * The append-only consent ledger. Rows are only ever added here; the lifecycle guard refuses
 * updates and deletes on every other path, and only erasure removes a subject's rows.
 */
const consentLedger = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(CONTENT_TYPES.consent);

  return {
    /** Appends one row, chained to the subject's latest. Returns null if the event was recorded already. */
    async append(entry: ConsentEntry): Promise<ConsentRow | null> {
      const encryption = getService(strapi, 'fieldEncryption');
      const dedupeKey = encryption.blindIndex(
        'consent',
        entry.subjectKey,
        entry.eventKey,
        entry.purpose,
      );

      if (await rows().findOne({ select: ['id'], where: { dedupeKey } })) {
        return null;
      }

      const previous = await rows().findOne({
        select: ['hash'],
        where: { subjectKey: entry.subjectKey },
        orderBy: { id: 'desc' },
      });

      const fields: LedgerFields = {
        subjectKey: entry.subjectKey,
        purpose: entry.purpose,
        action: entry.action,
        policyVersion: entry.policyVersion ?? null,
        method: entry.method,
        eventTime: entry.eventTime,
        receiptId: entry.receiptId ?? null,
        eventPath: entry.eventPath ?? null,
        evidence: entry.receiptId ? 'signed-receipt' : 'admin-action',
        adminUserId: entry.adminUserId ?? null,
        previousHash: (previous?.hash as string | undefined) ?? null,
      };

      const created = await rows().create({
        data: {
          ...fields,
          dedupeKey,
          chainLink: chainLink(entry.subjectKey, fields.previousHash),
          hash: ledgerHash(fields),
        },
      });

      return created as unknown as ConsentRow;
    },

    async history(subjectKey: string): Promise<ConsentRow[]> {
      const found = await rows().findMany({ where: { subjectKey }, orderBy: { id: 'asc' } });
      return found as unknown as ConsentRow[];
    },

    /**
     * Re-verifies a row: its hash over its own fields, and for a row proven by a webhook the
     * HMAC of the stored receipt under the app secret and the event it points to.
     */
    async verify(row: ConsentRow): Promise<ProofStatus> {
      if (ledgerHash(toFields(row as unknown as Record<string, unknown>)) !== row.hash) {
        return { verified: false, reason: 'hash-mismatch' };
      }

      if (row.evidence === 'admin-action') {
        return { verified: false, reason: 'admin-action' };
      }

      const receipt = row.receiptId
        ? await strapi.db
            .query(CONTENT_TYPES.webhookReceipt)
            .findOne({ where: { id: row.receiptId } })
        : null;
      if (!receipt) {
        return { verified: false, reason: 'no-receipt' };
      }

      const { appSecret } = getService(strapi, 'settings').config();
      const raw = String(receipt.rawBody);
      if (!isValidSignature(Buffer.from(raw, 'utf8'), String(receipt.signature), appSecret)) {
        return { verified: false, reason: 'signature-mismatch' };
      }

      const body = parseWebhookBody(raw);
      const event = body
        ? extractEvents(body).find((candidate) => candidate.path === row.eventPath)
        : undefined;
      const subscribers = getService(strapi, 'subscribers');
      if (
        !event?.psid ||
        event.timestamp !== Number(row.eventTime) ||
        subscribers.subjectKey(event.pageId, event.psid) !== row.subjectKey
      ) {
        return { verified: false, reason: 'event-mismatch' };
      }

      return { verified: true };
    },
  };
};

export default consentLedger;
