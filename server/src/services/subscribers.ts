import type { Core } from '@strapi/strapi';

import type { ConsentMethod, SubscriberStatus } from '../../../plugin/contracts/subscribers';
import { CONTENT_TYPES } from '../../../plugin/identity';
import { NotFoundError } from '../utils/errors';
import { getService } from '../utils/get-service';

export interface SubscriberRow {
  id: number;
  documentId: string;
  pageId: string;
  psid: string;
  subjectKey: string;
  status: SubscriberStatus;
  statusEventTime: string | number | null;
  reachability: 'reachable' | 'unavailable' | 'blocked';
  lastInteractionAt: string | null;
  optInSource: string | null;
  createdAt: string;
}

export interface StatusChange {
  status: Exclude<SubscriberStatus, 'pending'>;
  method: ConsentMethod;
  eventTime: number;
  eventKey: string;
  receiptId?: number | null;
  eventPath?: string | null;
  adminUserId?: number | null;
}

/** A short pseudonymous reference an editor may see: a prefix of the keyed subject hash. */
export const subscriberReference = (subjectKey: string): string => `sub_${subjectKey.slice(0, 12)}`;

const subscribers = ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(CONTENT_TYPES.subscriber);
  const encryption = () => getService(strapi, 'fieldEncryption');

  const subjectKey = (pageId: string, psid: string): string =>
    encryption().blindIndex('subject', pageId, psid);

  const cancelQueuedDeliveries = async (subscriberId: number) => {
    await strapi.db.query(CONTENT_TYPES.delivery).updateMany({
      where: { subscriberId, status: 'pending' },
      data: { status: 'skipped', reason: 'unsubscribed' },
    });
  };

  return {
    subjectKey,

    async findByPsid(pageId: string, psid: string): Promise<SubscriberRow | null> {
      return (await query().findOne({
        where: { subjectKey: subjectKey(pageId, psid) },
      })) as SubscriberRow | null;
    },

    async findByDocumentId(documentId: string): Promise<SubscriberRow> {
      const row = await query().findOne({ where: { documentId } });
      if (!row) {
        throw new NotFoundError(`No subscriber found for id ${documentId}`);
      }
      return row as SubscriberRow;
    },

    /**
     * Returns the subscriber for (page, PSID), creating a pending one on first contact. A
     * concurrent creation of the same person fails on the unique subject key; the caller's
     * transaction then retries and finds the row.
     */
    async findOrCreate(
      pageId: string,
      psid: string,
      details: { optInSource?: string | null },
    ): Promise<{ subscriber: SubscriberRow; created: boolean }> {
      const key = subjectKey(pageId, psid);
      const existing = await query().findOne({ where: { subjectKey: key } });
      if (existing) {
        return { subscriber: existing as SubscriberRow, created: false };
      }

      const subscriber = await query().create({
        data: {
          pageId,
          psid,
          subjectKey: key,
          status: 'pending',
          reachability: 'reachable',
          optInSource: details.optInSource ?? null,
        },
      });

      return { subscriber: subscriber as SubscriberRow, created: true };
    },

    /** Keeps the latest user interaction; the messaging window is measured from it. */
    async recordInteraction(subscriber: SubscriberRow, at: number): Promise<void> {
      const current = subscriber.lastInteractionAt ? Date.parse(subscriber.lastInteractionAt) : 0;
      if (at <= current) {
        return;
      }

      await query().update({
        where: { id: subscriber.id },
        data: { lastInteractionAt: new Date(at), reachability: 'reachable' },
      });
      subscriber.lastInteractionAt = new Date(at).toISOString();
    },

    /**
     * Records a grant or withdrawal in the ledger and applies it to the subscriber, unless a
     * later event already decided their status (events can arrive out of order). Withdrawal
     * cancels the person's queued deliveries at once.
     */
    async changeStatus(subscriber: SubscriberRow, change: StatusChange): Promise<boolean> {
      const row = await getService(strapi, 'consentLedger').append({
        subjectKey: subscriber.subjectKey,
        purpose: 'broadcasts',
        action: change.status === 'subscribed' ? 'granted' : 'withdrawn',
        method: change.method,
        eventTime: change.eventTime,
        eventKey: change.eventKey,
        receiptId: change.receiptId,
        eventPath: change.eventPath,
        adminUserId: change.adminUserId,
      });
      if (!row) {
        // This very event was recorded before: its effect is already in place.
        return false;
      }

      if (change.receiptId) {
        await strapi.db
          .query(CONTENT_TYPES.webhookReceipt)
          .update({ where: { id: change.receiptId }, data: { provesConsent: true } });
      }

      const decidedAt = Number(subscriber.statusEventTime ?? 0);
      if (change.eventTime < decidedAt) {
        return false;
      }

      await query().update({
        where: { id: subscriber.id },
        data: { status: change.status, statusEventTime: change.eventTime },
      });
      subscriber.status = change.status;
      subscriber.statusEventTime = change.eventTime;

      if (change.status === 'unsubscribed') {
        await cancelQueuedDeliveries(subscriber.id);
      }

      return true;
    },
  };
};

export default subscribers;
