import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Core } from '@strapi/strapi';

import { CONTENT_TYPES, PAYLOADS } from '../../../plugin/identity';
import { GraphApiError } from '../graph/errors';
import { backgroundPass } from '../utils/background-pass';
import { getService } from '../utils/get-service';
import { createLogger, errorName } from '../utils/log';
import type { SubscriberRow } from './subscribers';

const LEASE_MS = 60_000;
const BATCH = 25;
const MAX_ATTEMPTS = 5;

interface BroadcastRow {
  id: number;
  documentId: string;
  pageId: string;
  text: string;
  status: string;
  deliveryMode: 'in-window-update' | 'message-tag';
  messageTag: string | null;
}

interface DeliveryRow {
  id: number;
  subscriberId: number;
  attempts: number | null;
}

type Outcome = 'next' | { halt: string };

/**
 * Sends broadcasts from the delivery outbox. Several instances may run it at once: each claims
 * a batch of due deliveries under a lease, and a lease that expires (a killed process) lets
 * another instance take the batch over. Every recipient ends with a result and a reason.
 */
const dispatcher = ({ strapi }: { strapi: Core.Strapi }) => {
  const log = createLogger(strapi);
  const instance = randomUUID();
  const deliveries = () => strapi.db.query(CONTENT_TYPES.delivery);
  const nextSlot = new Map<string, number>();

  /** Keeps each Page under its configured rate (Meta's inbox stops working above 40/s). */
  const pace = async (pageId: string) => {
    const { sendRatePerSecond } = getService(strapi, 'settings').config();
    const rate = getService(strapi, 'settings').page(pageId).sendRatePerSecond ?? sendRatePerSecond;
    const now = Date.now();
    const slot = Math.max(now, nextSlot.get(pageId) ?? 0);
    nextSlot.set(pageId, slot + 1000 / rate);
    if (slot > now) {
      await sleep(slot - now);
    }
  };

  const dueWhere = (broadcastId: number, now: number) => ({
    broadcastId,
    $or: [
      {
        status: 'pending',
        $or: [{ nextAttemptTime: { $null: true } }, { nextAttemptTime: { $lte: now } }],
      },
      { status: 'sending', leaseUntil: { $lt: now } },
    ],
  });

  const claimBatch = async (
    broadcastId: number,
  ): Promise<{ lease: string; rows: DeliveryRow[] }> => {
    const now = Date.now();
    const candidates = await deliveries().findMany({
      select: ['id'],
      where: dueWhere(broadcastId, now),
      orderBy: { id: 'asc' },
      limit: BATCH,
    });
    const lease = `${instance}:${randomUUID()}`;
    if (candidates.length === 0) {
      return { lease, rows: [] };
    }

    await deliveries().updateMany({
      where: { id: { $in: candidates.map((row) => row.id) }, ...dueWhere(broadcastId, now) },
      data: { status: 'sending', leaseOwner: lease, leaseUntil: now + LEASE_MS },
    });
    const rows = await deliveries().findMany({
      select: ['id', 'subscriberId', 'attempts'],
      where: { leaseOwner: lease, status: 'sending' },
      orderBy: { id: 'asc' },
    });
    return { lease, rows: rows as unknown as DeliveryRow[] };
  };

  /** Writes a delivery's result, only if this worker still holds its lease. */
  const settle = (delivery: DeliveryRow, lease: string, data: Record<string, unknown>) =>
    deliveries().updateMany({
      where: { id: delivery.id, leaseOwner: lease, status: 'sending' },
      data: { leaseOwner: null, leaseUntil: null, ...data },
    });

  const withinWindow = (subscriber: SubscriberRow): boolean => {
    const { messagingWindowHours } = getService(strapi, 'settings').config();
    const last = subscriber.lastInteractionAt ? Date.parse(subscriber.lastInteractionAt) : 0;
    return Date.now() - last < messagingWindowHours * 60 * 60 * 1000;
  };

  const deliver = async (
    broadcast: BroadcastRow,
    delivery: DeliveryRow,
    lease: string,
  ): Promise<Outcome> => {
    const subscriber = (await strapi.db
      .query(CONTENT_TYPES.subscriber)
      .findOne({ where: { id: delivery.subscriberId } })) as SubscriberRow | null;

    if (!subscriber) {
      await settle(delivery, lease, { status: 'skipped', reason: 'subscriber-erased' });
      return 'next';
    }
    if (subscriber.status !== 'subscribed') {
      await settle(delivery, lease, { status: 'skipped', reason: 'unsubscribed' });
      return 'next';
    }
    if (broadcast.deliveryMode === 'in-window-update' && !withinWindow(subscriber)) {
      await settle(delivery, lease, { status: 'skipped', reason: 'outside-window' });
      return 'next';
    }

    const attempts = Number(delivery.attempts ?? 0) + 1;
    const texts = getService(strapi, 'settings').config().texts;
    await pace(broadcast.pageId);

    // The wait for the Page's pace is long enough for a STOP to arrive: look again.
    const now = await strapi.db
      .query(CONTENT_TYPES.subscriber)
      .findOne({ select: ['status'], where: { id: subscriber.id } });
    if (now?.status !== 'subscribed') {
      await settle(delivery, lease, { status: 'skipped', reason: 'unsubscribed' });
      return 'next';
    }

    try {
      const { messageId } = await getService(strapi, 'graphClient').sendMessage(
        broadcast.pageId,
        subscriber.psid,
        {
          buttonTemplate: {
            text: broadcast.text,
            buttons: [{ title: texts.unsubscribeButton, payload: PAYLOADS.unsubscribe }],
          },
        },
        broadcast.deliveryMode === 'message-tag'
          ? {
              messagingType: 'MESSAGE_TAG',
              tag: broadcast.messageTag ?? undefined,
              metadata: `broadcast:${broadcast.documentId}`,
            }
          : { messagingType: 'UPDATE', metadata: `broadcast:${broadcast.documentId}` },
      );
      await settle(delivery, lease, {
        status: 'sent',
        messageId,
        sentAt: new Date(),
        attempts,
        // An earlier refusal (a halted Page, a retry) no longer describes this delivery.
        reason: null,
        graphErrorCode: null,
        graphErrorSubcode: null,
      });
      return 'next';
    } catch (error) {
      if (!(error instanceof GraphApiError)) {
        throw error;
      }

      const graphFields = {
        graphErrorCode: error.code ?? null,
        graphErrorSubcode: error.subcode ?? null,
      };

      if (error.scope === 'page') {
        // Not this person's fault: the delivery waits for the Page to be fixed.
        await settle(delivery, lease, { status: 'pending', reason: error.reason, ...graphFields });
        return { halt: error.reason };
      }

      if (error.scope === 'retry' && attempts < MAX_ATTEMPTS) {
        const backoff = 2 ** attempts * 1000;
        await settle(delivery, lease, {
          status: 'pending',
          attempts,
          reason: error.reason,
          nextAttemptTime: Date.now() + backoff,
          ...graphFields,
        });
        return 'next';
      }

      const status = error.reason === 'outside-window' ? 'skipped' : 'failed';
      await settle(delivery, lease, { status, attempts, reason: error.reason, ...graphFields });
      if (error.reason === 'recipient-unavailable' || error.reason === 'no-matching-user') {
        await strapi.db
          .query(CONTENT_TYPES.subscriber)
          .update({ where: { id: subscriber.id }, data: { reachability: 'unavailable' } });
      }
      return 'next';
    }
  };

  const completeIfDone = async (broadcastId: number) => {
    const open = await deliveries().count({
      where: { broadcastId, status: { $in: ['pending', 'sending'] } },
    });
    if (open > 0) {
      return false;
    }
    await strapi.db.query(CONTENT_TYPES.broadcast).updateMany({
      where: { id: broadcastId, status: 'sending' },
      data: { status: 'completed', completedAt: new Date() },
    });
    return true;
  };

  const dispatchBroadcast = async (broadcast: BroadcastRow): Promise<boolean> => {
    const pages = getService(strapi, 'pages');
    const pageState = await pages.state(broadcast.pageId);
    if (pageState.halted) {
      await pages.halt(broadcast.pageId, pageState.reason ?? 'page-halted', pageState.eventTime);
      return false;
    }

    let waiting = false;
    while (!passes.stopped()) {
      const { lease, rows } = await claimBatch(broadcast.id);
      if (rows.length === 0) {
        break;
      }

      for (const [index, delivery] of rows.entries()) {
        const outcome = await deliver(broadcast, delivery, lease);
        if (outcome !== 'next') {
          // Give back what this batch still holds, then stop the whole Page.
          for (const rest of rows.slice(index + 1)) {
            await settle(rest, lease, { status: 'pending' });
          }
          await pages.halt(broadcast.pageId, outcome.halt);
          return false;
        }
      }
    }

    if (!(await completeIfDone(broadcast.id))) {
      waiting = true;
    }
    return waiting;
  };

  const runOnce = async () => {
    const active = (await strapi.db.query(CONTENT_TYPES.broadcast).findMany({
      where: { status: 'sending' },
      orderBy: { id: 'asc' },
    })) as unknown as BroadcastRow[];

    let waiting = false;
    for (const broadcast of active) {
      if (passes.stopped()) {
        return false;
      }
      waiting = (await dispatchBroadcast(broadcast)) || waiting;
    }
    return waiting;
  };

  const passes = backgroundPass(runOnce, (error) =>
    log.error('dispatcher pass failed', { error: errorName(error) }),
  );

  const api = {
    /** One pass over every broadcast being sent; concurrent calls share it. */
    run(): Promise<void> {
      return passes.run();
    },

    schedule(): void {
      setImmediate(() => void api.run());
    },

    /**
     * Marks deliveries to one person as delivered or read up to Meta's watermark: every
     * message sent before it has arrived.
     */
    async recordReceipt(
      subscriberId: number,
      kind: 'delivery' | 'read',
      watermark: number,
      at: number,
    ) {
      const upTo = new Date(watermark);
      const when = new Date(at);
      await deliveries().updateMany({
        where: {
          subscriberId,
          status: 'sent',
          sentAt: { $lte: upTo },
          deliveredAt: { $null: true },
        },
        data: { deliveredAt: when },
      });
      if (kind === 'read') {
        await deliveries().updateMany({
          where: { subscriberId, status: 'sent', sentAt: { $lte: upTo }, readAt: { $null: true } },
          data: { readAt: when },
        });
      }
    },

    stop() {
      return passes.stop();
    },
  };

  return api;
};

export default dispatcher;
