import type { Core } from '@strapi/strapi';

import type {
  BroadcastAudience,
  BroadcastStatus,
  BroadcastSummary,
  DeliveryCounts,
  DeliveryResult,
  DeliveryStatus,
} from '../../../plugin/contracts/broadcasts';
import { CONTENT_TYPES } from '../../../plugin/identity';
import type { BroadcastInput } from '../../../plugin/validation';
import { ConflictError, NotFoundError } from '../utils/errors';
import { getService } from '../utils/get-service';
import { createLogger } from '../utils/log';
import { subscriberReference } from './subscribers';

interface BroadcastRow {
  id: number;
  documentId: string;
  title: string;
  text: string;
  pageId: string;
  status: BroadcastStatus;
  haltReason: string | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

const PLAN_BATCH = 500;

const emptyCounts = (): DeliveryCounts => ({
  total: 0,
  pending: 0,
  sent: 0,
  delivered: 0,
  read: 0,
  skipped: 0,
  failed: 0,
});

const iso = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as string).toISOString();

const broadcasts = ({ strapi }: { strapi: Core.Strapi }) => {
  const log = createLogger(strapi);
  const query = () => strapi.db.query(CONTENT_TYPES.broadcast);
  const deliveries = () => strapi.db.query(CONTENT_TYPES.delivery);

  /** Counts per broadcast, from the outbox itself: one grouped query for the whole list. */
  const countsFor = async (ids: number[]): Promise<Map<number, DeliveryCounts>> => {
    const counts = new Map<number, DeliveryCounts>(ids.map((id) => [id, emptyCounts()]));
    if (ids.length === 0) {
      return counts;
    }

    const { tableName, attributes } = strapi.db.metadata.get(CONTENT_TYPES.delivery);
    const column = (name: string) =>
      ((attributes[name] as { columnName?: string } | undefined)?.columnName ?? name) as string;
    const rows: Array<Record<string, unknown>> = await strapi.db
      .getConnection(tableName)
      .select({
        broadcastId: column('broadcastId'),
        status: column('status'),
      })
      .count({ total: '*' })
      .count({ delivered: column('deliveredAt') })
      .count({ read: column('readAt') })
      .whereIn(column('broadcastId'), ids)
      .groupBy(column('broadcastId'), column('status'));

    for (const row of rows) {
      const entry = counts.get(Number(row.broadcastId));
      if (!entry) {
        continue;
      }
      const total = Number(row.total);
      const status = row.status as DeliveryStatus;
      entry.total += total;
      entry.delivered += Number(row.delivered);
      entry.read += Number(row.read);
      if (status === 'pending' || status === 'sending') {
        entry.pending += total;
      } else {
        entry[status] += total;
      }
    }
    return counts;
  };

  const summarise = (row: BroadcastRow, counts: DeliveryCounts): BroadcastSummary => ({
    documentId: row.documentId,
    title: row.title,
    text: row.text,
    pageId: row.pageId,
    status: row.status,
    haltReason: row.haltReason ?? null,
    counts,
    createdAt: iso(row.createdAt) ?? '',
    startedAt: iso(row.startedAt),
    completedAt: iso(row.completedAt),
  });

  const findRow = async (documentId: string): Promise<BroadcastRow> => {
    const row = await query().findOne({ where: { documentId } });
    if (!row) {
      throw new NotFoundError(`No broadcast found for id ${documentId}`);
    }
    return row as unknown as BroadcastRow;
  };

  const assertPageSending = async (pageId: string, subject: string) => {
    const pageState = await getService(strapi, 'pages').state(pageId);
    if (pageState.halted) {
      throw new ConflictError(
        `${subject} cannot be sent: sending from Page ${pageId} is halted (${pageState.reason})`,
      );
    }
  };

  const api = {
    async list(): Promise<BroadcastSummary[]> {
      const rows = (await query().findMany({
        orderBy: { id: 'desc' },
        limit: 200,
      })) as unknown as BroadcastRow[];
      const counts = await countsFor(rows.map((row) => row.id));
      return rows.map((row) => summarise(row, counts.get(row.id) ?? emptyCounts()));
    },

    async get(documentId: string): Promise<BroadcastSummary> {
      const row = await findRow(documentId);
      const counts = await countsFor([row.id]);
      return summarise(row, counts.get(row.id) ?? emptyCounts());
    },

    async create(
      input: BroadcastInput,
      authorId: number | null,
      options: { toSend?: boolean } = {},
    ): Promise<BroadcastSummary> {
      // Refuses a Page that is not configured, with a message naming it.
      getService(strapi, 'settings').page(input.pageId);
      if (options.toSend) {
        // Refused before anything is stored: a retry must not leave a second draft behind.
        await assertPageSending(input.pageId, 'The broadcast');
      }

      const row = (await query().create({
        data: {
          ...input,
          kind: 'campaign',
          deliveryMode: 'in-window-update',
          status: 'draft',
          authorId,
        },
      })) as unknown as BroadcastRow;
      await getService(strapi, 'audit').record(authorId, 'broadcast.create', {
        targetId: row.documentId,
      });
      return summarise(row, emptyCounts());
    },

    /**
     * Starts sending: one delivery per subscribed person of the Page, written in the same
     * transaction as the status change, so a broadcast is planned once and completely or not
     * at all. Starting a broadcast twice is refused.
     */
    async send(documentId: string, adminUserId: number | null): Promise<BroadcastSummary> {
      const row = await findRow(documentId);
      if (row.status !== 'draft') {
        throw new ConflictError(
          `Broadcast ${documentId} cannot be sent: it is already ${row.status}`,
        );
      }

      await assertPageSending(row.pageId, `Broadcast ${documentId}`);

      let planned = 0;
      await strapi.db.transaction(async () => {
        const { count } = await query().updateMany({
          where: { id: row.id, status: 'draft' },
          data: { status: 'sending', startedAt: new Date() },
        });
        if (count !== 1) {
          throw new ConflictError(
            `Broadcast ${documentId} cannot be sent: it is already being sent`,
          );
        }

        let afterId = 0;
        for (;;) {
          const recipients = await strapi.db.query(CONTENT_TYPES.subscriber).findMany({
            select: ['id'],
            where: { pageId: row.pageId, status: 'subscribed', id: { $gt: afterId } },
            orderBy: { id: 'asc' },
            limit: PLAN_BATCH,
          });
          if (recipients.length === 0) {
            break;
          }
          await deliveries().createMany({
            data: recipients.map((recipient) => ({
              broadcastId: row.id,
              subscriberId: recipient.id,
              channel: 'messenger',
              dedupeKey: `${row.id}:${recipient.id}:messenger`,
              status: 'pending',
              attempts: 0,
            })),
          });
          planned += recipients.length;
          afterId = Number(recipients[recipients.length - 1].id);
        }

        if (planned === 0) {
          await query().update({
            where: { id: row.id },
            data: { status: 'completed', completedAt: new Date() },
          });
        }
      });

      await getService(strapi, 'audit').record(adminUserId, 'broadcast.send', {
        targetId: documentId,
      });
      log.info('broadcast started', {
        broadcast: documentId,
        page: row.pageId,
        recipients: planned,
      });
      getService(strapi, 'dispatcher').schedule();
      return api.get(documentId);
    },

    /** How many people a broadcast for this Page would be planned for, and could reach now. */
    async audience(pageId: string): Promise<BroadcastAudience> {
      getService(strapi, 'settings').page(pageId);
      const { messagingWindowHours } = getService(strapi, 'settings').config();
      const since = new Date(Date.now() - messagingWindowHours * 60 * 60 * 1000);
      const subscribers = strapi.db.query(CONTENT_TYPES.subscriber);
      const [subscribed, withinWindow] = await Promise.all([
        subscribers.count({ where: { pageId, status: 'subscribed' } }),
        subscribers.count({
          where: { pageId, status: 'subscribed', lastInteractionAt: { $gt: since } },
        }),
      ]);
      return { pageId, subscribed, withinWindow, windowHours: messagingWindowHours };
    },

    /**
     * Carries on a halted broadcast once an admin fixed the cause (a new Page token, a lifted
     * restriction). A block by Meta's policy enforcement is lifted only by Meta's unblock.
     */
    async resume(documentId: string, adminUserId: number | null): Promise<BroadcastSummary> {
      const row = await findRow(documentId);
      if (row.status !== 'halted') {
        throw new ConflictError(`Broadcast ${documentId} cannot be resumed: it is ${row.status}`);
      }
      const pages = getService(strapi, 'pages');
      const pageState = await pages.state(row.pageId);
      if (pageState.reason === 'policy-enforcement-block') {
        throw new ConflictError(
          `Broadcast ${documentId} cannot be resumed: Meta blocked Page ${row.pageId} for a policy violation; sending resumes when Meta lifts the block`,
        );
      }

      await pages.resume(row.pageId);
      await getService(strapi, 'audit').record(adminUserId, 'broadcast.resume', {
        targetId: documentId,
      });
      return api.get(documentId);
    },

    async deliveries(documentId: string): Promise<DeliveryResult[]> {
      const row = await findRow(documentId);
      const results = await deliveries().findMany({
        where: { broadcastId: row.id },
        orderBy: { id: 'asc' },
      });
      const subscriberIds = results.map((result) => result.subscriberId as number);
      const subjects = await strapi.db.query(CONTENT_TYPES.subscriber).findMany({
        select: ['id', 'subjectKey'],
        where: { id: { $in: subscriberIds } },
      });
      const references = new Map(
        subjects.map((subject) => [subject.id, subscriberReference(subject.subjectKey)]),
      );

      return results.map((result) => ({
        subscriberRef: references.get(result.subscriberId) ?? 'erased',
        status: result.status as DeliveryStatus,
        reason: result.reason ?? null,
        graphErrorCode: result.graphErrorCode ?? null,
        graphErrorSubcode: result.graphErrorSubcode ?? null,
        attempts: Number(result.attempts ?? 0),
        sentAt: iso(result.sentAt),
        deliveredAt: iso(result.deliveredAt),
        readAt: iso(result.readAt),
      }));
    },
  };

  return api;
};

export default broadcasts;
