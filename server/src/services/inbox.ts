import type { Core } from '@strapi/strapi';

import { CONTENT_TYPES } from '../../../plugin/identity';
import { backgroundPass } from '../utils/background-pass';
import { getService } from '../utils/get-service';
import { createLogger, errorName } from '../utils/log';
import { extractEvents, type MessengerEvent, parseWebhookBody } from '../webhook/events';
import type { HandledEvent } from './event-handler';

const MAX_ATTEMPTS = 5;
const BATCH = 20;

/** One key per event, whichever body it arrives in: by `mid` when it has one. */
const eventIdentity = (event: MessengerEvent): string[] => {
  if ('mid' in event && event.mid) {
    return ['mid', event.kind, event.pageId, event.mid];
  }
  const { path: _path, standby: _standby, ...content } = event;
  return ['content', JSON.stringify(content)];
};

/**
 * The webhook inbox. The route stores each signed body as an encrypted receipt and answers
 * Meta at once; the events are applied afterwards, here, by whichever instance claims the
 * receipt inside the transaction that applies it. A crash rolls that transaction back, so the
 * receipt stays pending and the next pass applies it.
 */
const inbox = ({ strapi }: { strapi: Core.Strapi }) => {
  const log = createLogger(strapi);
  const receipts = () => strapi.db.query(CONTENT_TYPES.webhookReceipt);
  const encryption = () => getService(strapi, 'fieldEncryption');

  let retryTimer: NodeJS.Timeout | undefined;

  const dueWhere = (now: number) => ({
    $or: [{ status: 'pending' }, { status: 'processing', leaseUntil: { $lt: now } }],
  });

  /** Names are fetched only when the admin enabled profile lookup; nothing else is kept. */
  const fetchNames = async (lookups: NonNullable<HandledEvent['profileLookups']>) => {
    const graph = getService(strapi, 'graphClient');
    for (const lookup of lookups) {
      try {
        const names = await graph.getNames(lookup.pageId, lookup.psid);
        await strapi.db
          .query(CONTENT_TYPES.subscriber)
          .update({ where: { id: lookup.subscriberId }, data: names });
      } catch (error) {
        log.warn('profile lookup failed', { page: lookup.pageId, error: errorName(error) });
      }
    }
  };

  const process = async (id: number): Promise<void> => {
    const receipt = await receipts().findOne({ select: ['id', 'rawBody'], where: { id } });
    if (!receipt) {
      return;
    }

    const body = parseWebhookBody(String(receipt.rawBody));
    const events = body ? extractEvents(body) : [];
    // State follows the time of each event, not its place in the body.
    const ordered = events
      .map((event, index) => ({ event, index }))
      .sort((a, b) => a.event.timestamp - b.event.timestamp || a.index - b.index)
      .map(({ event }) => ({
        event,
        eventKey: encryption().blindIndex('event', ...eventIdentity(event)),
      }));

    const lookups: NonNullable<HandledEvent['profileLookups']> = [];
    let claimed = false;

    await strapi.db.transaction(async () => {
      // The claim is the transaction's first write: another instance claiming the same receipt
      // waits for it, then finds it processed; a failure rolls the claim back with the rest.
      const { count } = await receipts().updateMany({
        where: { id, ...dueWhere(Date.now()) },
        data: {
          status: 'processed',
          processedAt: new Date(),
          leaseUntil: null,
          eventCount: events.length,
          lastError: null,
        },
      });
      if (count !== 1) {
        return;
      }
      claimed = true;

      // Events already applied, from this body or another, are skipped: one query for all.
      const processed = strapi.db.query(CONTENT_TYPES.webhookEvent);
      const seen = ordered.length
        ? await processed.findMany({
            select: ['eventKey'],
            where: { eventKey: { $in: ordered.map(({ eventKey }) => eventKey) } },
          })
        : [];
      const done = new Set(seen.map((row) => row.eventKey as string));
      const fresh = [];
      for (const item of ordered) {
        // The same event twice in one body counts once too.
        if (!done.has(item.eventKey)) {
          done.add(item.eventKey);
          fresh.push(item);
        }
      }
      if (fresh.length === 0) {
        return;
      }
      await processed.createMany({
        data: fresh.map(({ event, eventKey }) => ({
          eventKey,
          receiptId: id,
          kind: event.kind,
          processedAt: new Date(),
        })),
      });

      const handler = getService(strapi, 'eventHandler');
      const batch = await getService(strapi, 'subscribers').batch(
        fresh.flatMap(({ event }) =>
          event.psid ? [{ pageId: event.pageId, psid: event.psid }] : [],
        ),
      );
      const replies = [];
      for (const { event, eventKey } of fresh) {
        const result = await handler.handle(event, eventKey, id, batch);
        replies.push({ eventKey, replies: result.replies });
        lookups.push(...(result.profileLookups ?? []));
      }
      await batch.flush();
      await getService(strapi, 'outbox').enqueue(replies);
    });

    if (claimed) {
      await fetchNames(lookups);
      // Replies go out on their own pass: a slow Graph does not hold up the next body.
      void getService(strapi, 'outbox').flush();
    }
  };

  const fail = async (id: number, error: unknown) => {
    const receipt = await receipts().findOne({ select: ['attempts'], where: { id } });
    const attempts = Number(receipt?.attempts ?? 0) + 1;
    const status = attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
    await receipts().update({
      where: { id },
      data: { status, attempts, leaseUntil: null, lastError: errorName(error) },
    });
    log[status === 'failed' ? 'error' : 'warn']('webhook receipt processing failed', {
      receipt: id,
      attempts,
      error: errorName(error),
    });
    return status === 'pending';
  };

  const drainOnce = async (): Promise<void> => {
    let retryLater = false;

    for (;;) {
      const due = await receipts().findMany({
        select: ['id'],
        where: dueWhere(Date.now()),
        orderBy: { id: 'asc' },
        limit: BATCH,
      });
      const fresh = due.filter((row) => !retrySkip.has(Number(row.id)));
      if (fresh.length === 0) {
        break;
      }

      for (const { id } of fresh) {
        try {
          await process(Number(id));
        } catch (error) {
          if (await fail(Number(id), error)) {
            retrySkip.add(Number(id));
            retryLater = true;
          }
        }
      }
    }

    if (retryLater && !retryTimer) {
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        retrySkip.clear();
        void api.drain();
      }, 250);
    }
  };

  // Receipts that failed in this pass wait for the retry timer instead of looping at once.
  const retrySkip = new Set<number>();

  const passes = backgroundPass(drainOnce, (error) =>
    log.error('webhook inbox pass failed', { error: errorName(error) }),
  );

  const api = {
    /**
     * Stores a verified body and returns its receipt id. The same bytes delivered twice are
     * stored once: the keyed digest is unique.
     */
    async accept(
      rawBody: string,
      signature: string,
    ): Promise<{ receiptId: number; duplicate: boolean }> {
      const digest = encryption().blindIndex('receipt', rawBody);
      const existing = await receipts().findOne({ select: ['id'], where: { digest } });
      if (existing) {
        return { receiptId: Number(existing.id), duplicate: true };
      }

      try {
        const created = await receipts().create({
          data: {
            rawBody,
            signature,
            digest,
            status: 'pending',
            receivedAt: new Date(),
            attempts: 0,
          },
          select: ['id'],
        });
        return { receiptId: Number(created.id), duplicate: false };
      } catch (error) {
        // The same body arriving twice at the same moment: the other request stored it.
        const raced = await receipts().findOne({ select: ['id'], where: { digest } });
        if (raced) {
          return { receiptId: Number(raced.id), duplicate: true };
        }
        throw error;
      }
    },

    /** Processes every due receipt; concurrent calls share one pass. Resolves when done. */
    drain(): Promise<void> {
      return passes.run();
    },

    /** Starts a pass without waiting for it: the webhook route answers Meta first. */
    schedule(): void {
      setImmediate(() => void api.drain());
    },

    /** Deletes receipts that prove no consent once they are older than the retention. */
    async purgeExpired(now = Date.now()): Promise<number> {
      const { receiptRetentionDays } = getService(strapi, 'settings').config();
      const cutoff = new Date(now - receiptRetentionDays * 24 * 60 * 60 * 1000);
      const { count } = await receipts().deleteMany({
        where: {
          provesConsent: false,
          status: { $in: ['processed', 'failed'] },
          receivedAt: { $lt: cutoff },
        },
      });
      await strapi.db
        .query(CONTENT_TYPES.webhookEvent)
        .deleteMany({ where: { processedAt: { $lt: cutoff } } });
      if (count > 0) {
        log.info('expired webhook receipts purged', { count });
      }
      return count;
    },

    stop() {
      if (retryTimer) {
        clearTimeout(retryTimer);
        retryTimer = undefined;
      }
      return passes.stop();
    },
  };

  return api;
};

export default inbox;
