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

/** A subscriber's state without personal data: what event handling reads and writes. */
export type SubscriberState = Omit<SubscriberRow, 'psid'>;

const STATE_COLUMNS = [
  'id',
  'documentId',
  'pageId',
  'subjectKey',
  'status',
  'statusEventTime',
  'reachability',
  'lastInteractionAt',
  'optInSource',
  'createdAt',
];

/**
 * The subscribers one webhook body touches, loaded in one query and written back once: a body
 * of 100 events costs a handful of statements, not several per event.
 */
export interface SubscriberBatch {
  /** The subscriber for (page, PSID), created as pending on first contact. */
  resolve(
    pageId: string,
    psid: string,
    optInSource: string | null,
  ): Promise<{ subscriber: SubscriberState; created: boolean }>;
  /** An existing subscriber, or null; never creates one. */
  peek(pageId: string, psid: string): SubscriberState | null;
  /** Notes a user interaction; only the latest per subscriber is written. */
  touch(subscriber: SubscriberState, at: number): void;
  /** Writes the interaction times noted. */
  flush(): Promise<void>;
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

    async batch(people: Array<{ pageId: string; psid: string }>): Promise<SubscriberBatch> {
      const keys = [...new Set(people.map(({ pageId, psid }) => subjectKey(pageId, psid)))];
      const rows = keys.length
        ? await query().findMany({ select: STATE_COLUMNS, where: { subjectKey: { $in: keys } } })
        : [];
      const known = new Map(rows.map((row) => [row.subjectKey as string, row as SubscriberState]));
      const latest = new Map<number, { subscriber: SubscriberState; at: number }>();

      return {
        async resolve(pageId, psid, optInSource) {
          const key = subjectKey(pageId, psid);
          const existing = known.get(key);
          if (existing) {
            return { subscriber: existing, created: false };
          }
          // A concurrent creation of the same person fails on the unique subject key; the
          // receipt's transaction then rolls back and is retried, and finds the row.
          const subscriber = (await query().create({
            data: {
              pageId,
              psid,
              subjectKey: key,
              status: 'pending',
              reachability: 'reachable',
              optInSource,
            },
            select: STATE_COLUMNS,
          })) as SubscriberState;
          known.set(key, subscriber);
          return { subscriber, created: true };
        },

        peek(pageId, psid) {
          return known.get(subjectKey(pageId, psid)) ?? null;
        },

        touch(subscriber, at) {
          const stored = subscriber.lastInteractionAt
            ? Date.parse(subscriber.lastInteractionAt)
            : 0;
          const noted = latest.get(subscriber.id)?.at ?? stored;
          if (at > noted) {
            latest.set(subscriber.id, { subscriber, at });
          }
        },

        async flush() {
          for (const { subscriber, at } of latest.values()) {
            await query().updateMany({
              where: { id: subscriber.id },
              data: { lastInteractionAt: new Date(at), reachability: 'reachable' },
            });
            subscriber.lastInteractionAt = new Date(at).toISOString();
          }
          latest.clear();
        },
      };
    },

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
     * Records a grant or withdrawal in the ledger and applies it to the subscriber, unless a
     * later event already decided their status (events can arrive out of order). Withdrawal
     * cancels the person's queued deliveries at once.
     */
    async changeStatus(subscriber: SubscriberState, change: StatusChange): Promise<boolean> {
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
          .updateMany({ where: { id: change.receiptId }, data: { provesConsent: true } });
      }

      const decidedAt = Number(subscriber.statusEventTime ?? 0);
      // A later event decides; on a tie an opt-out wins over a grant.
      const tieLostByGrant =
        change.eventTime === decidedAt &&
        change.status === 'subscribed' &&
        subscriber.status === 'unsubscribed';
      if (change.eventTime < decidedAt || tieLostByGrant) {
        return false;
      }

      await query().updateMany({
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
