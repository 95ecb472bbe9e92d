import { randomUUID } from 'node:crypto';

import type { Core } from '@strapi/strapi';

import { CONTENT_TYPES } from '../../../plugin/identity';
import { GraphApiError } from '../graph/errors';
import { backgroundPass } from '../utils/background-pass';
import { getService } from '../utils/get-service';
import { createLogger, errorName } from '../utils/log';
import type { OutgoingMessage } from './graph-client';
import type { SubscriberRow } from './subscribers';

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 5;
const BATCH = 50;

export interface QueuedReply {
  subscriberId: number;
  pageId: string;
  message: OutgoingMessage;
}

/**
 * The bot's replies. They are written in the same transaction as the event that causes them,
 * keyed by that event, and sent once committed: a crash between the two loses no confirmation,
 * and a redelivered event sends nothing twice.
 */
const outbox = ({ strapi }: { strapi: Core.Strapi }) => {
  const log = createLogger(strapi);
  const rows = () => strapi.db.query(CONTENT_TYPES.outboxMessage);
  const instance = randomUUID();

  const dueWhere = (now: number) => ({
    $or: [
      {
        status: 'pending',
        $or: [{ nextAttemptTime: { $null: true } }, { nextAttemptTime: { $lte: now } }],
      },
      { status: 'sending', leaseUntil: { $lt: now } },
    ],
  });

  const sendOne = async (row: Record<string, unknown>, lease: string) => {
    const settle = (data: Record<string, unknown>) =>
      rows().updateMany({
        where: { id: row.id, status: 'sending', leaseOwner: lease },
        data: { leaseOwner: null, leaseUntil: null, ...data },
      });

    const subscriber = (await strapi.db
      .query(CONTENT_TYPES.subscriber)
      .findOne({ where: { id: row.subscriberId } })) as SubscriberRow | null;
    if (!subscriber) {
      await settle({ status: 'failed', lastError: 'subscriber-erased' });
      return;
    }

    const attempts = Number(row.attempts ?? 0) + 1;
    try {
      const { messageId } = await getService(strapi, 'graphClient').sendMessage(
        String(row.pageId),
        subscriber.psid,
        row.message as OutgoingMessage,
        { messagingType: 'RESPONSE' },
      );
      await settle({ status: 'sent', messageId, sentAt: new Date(), attempts, lastError: null });
    } catch (error) {
      const retry =
        error instanceof GraphApiError && error.scope === 'retry' && attempts < MAX_ATTEMPTS;
      const reason = error instanceof GraphApiError ? error.reason : errorName(error);
      await settle({
        status: retry ? 'pending' : 'failed',
        attempts,
        lastError: reason,
        nextAttemptTime: retry ? Date.now() + 2 ** attempts * 1000 : null,
      });
      log.warn('bot reply not sent', { page: String(row.pageId), reason, attempts });
    }
  };

  const flushOnce = async () => {
    for (;;) {
      const now = Date.now();
      const candidates = await rows().findMany({
        select: ['id'],
        where: dueWhere(now),
        orderBy: { id: 'asc' },
        limit: BATCH,
      });
      if (candidates.length === 0 || passes.stopped()) {
        return;
      }

      const lease = `${instance}:${randomUUID()}`;
      await rows().updateMany({
        where: { id: { $in: candidates.map((row) => row.id) }, ...dueWhere(now) },
        data: { status: 'sending', leaseOwner: lease, leaseUntil: now + LEASE_MS },
      });
      const claimed = await rows().findMany({
        where: { status: 'sending', leaseOwner: lease },
        orderBy: { id: 'asc' },
      });
      for (const row of claimed) {
        await sendOne(row, lease);
      }
      if (claimed.length === 0) {
        return;
      }
    }
  };

  const passes = backgroundPass(flushOnce, (error) =>
    log.error('outbox pass failed', { error: errorName(error) }),
  );

  const api = {
    /** Queues replies inside the caller's transaction; each event's key makes them unique. */
    async enqueue(entries: Array<{ eventKey: string; replies: QueuedReply[] }>): Promise<void> {
      const data = entries.flatMap(({ eventKey, replies }) =>
        replies.map((reply, index) => ({
          subscriberId: reply.subscriberId,
          pageId: reply.pageId,
          message: reply.message,
          dedupeKey: `${eventKey}:${index}`,
          status: 'pending',
          attempts: 0,
        })),
      );
      if (data.length > 0) {
        await rows().createMany({ data });
      }
    },

    /** Sends every due reply; concurrent calls share one pass. */
    flush(): Promise<void> {
      return passes.run();
    },

    stop(): Promise<void> {
      return passes.stop();
    },
  };

  return api;
};

export default outbox;
