/**
 * A short, realistic conversation with two Pages, replayed through the real signed webhook over
 * HTTP, and a readable account of what the bot answered. Every person and message is invented.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { Core } from '@strapi/strapi';

import type { RecordedCall } from '../../graph-emulator';
import { body, postback, quickReply, sign, text } from '../../helpers/messenger';
import { PAGES } from './settings';

const [BAKERY, BOOK_CLUB] = PAGES;

export interface Person {
  label: string;
  pageId: string;
  psid: string;
  /** The status the conversation leaves them in. */
  expected: 'pending' | 'subscribed' | 'unsubscribed';
}

export const PEOPLE: Person[] = [
  { label: 'Person A', pageId: BAKERY.id, psid: '7000000000000001', expected: 'subscribed' },
  { label: 'Person B', pageId: BAKERY.id, psid: '7000000000000002', expected: 'subscribed' },
  { label: 'Person C', pageId: BAKERY.id, psid: '7000000000000003', expected: 'unsubscribed' },
  { label: 'Person D', pageId: BAKERY.id, psid: '7000000000000004', expected: 'pending' },
  { label: 'Person E', pageId: BOOK_CLUB.id, psid: '8000000000000001', expected: 'subscribed' },
  { label: 'Person F', pageId: BOOK_CLUB.id, psid: '8000000000000002', expected: 'subscribed' },
];

const person = (label: string): Person => PEOPLE.find((entry) => entry.label === label)!;

type Item = Record<string, unknown>;

/** One step: what each person does, as webhook items (built when sent, with current times). */
interface Step {
  says: string;
  items: Array<{ who: Person; build: (timestamp: number) => Item }>;
}

const says = (label: string, message: string) => {
  const who = person(label);
  return { who, build: (at: number) => text(who.pageId, who.psid, message, at) };
};
const tapsSubscribeQuickReply = (label: string) => {
  const who = person(label);
  return {
    who,
    build: (at: number) => quickReply(who.pageId, who.psid, 'SUBSCRIBE', 'Subscribe', at),
  };
};
const tapsSubscribeButton = (label: string) => {
  const who = person(label);
  return {
    who,
    build: (at: number) => postback(who.pageId, who.psid, 'SUBSCRIBE', 'Subscribe', at),
  };
};

export const CONVERSATION: Step[] = [
  {
    says: 'Six people write to the two Pages for the first time',
    items: [
      says('Person A', 'Hi'),
      says('Person B', 'Bonjour ! Vous avez encore des croissants aux amandes ? 🥐'),
      says('Person C', 'Hi'),
      says('Person D', 'Grüß Gott! Habt ihr am Sonntag geöffnet?'),
      says('Person E', 'Hi'),
      says('Person F', '¿Cuándo es la próxima reunión? ¡Gracias! 📚'),
    ],
  },
  {
    says: 'Five of them tap Subscribe (quick reply or button); Person D does not',
    items: [
      tapsSubscribeQuickReply('Person A'),
      tapsSubscribeQuickReply('Person B'),
      tapsSubscribeButton('Person C'),
      tapsSubscribeButton('Person E'),
      tapsSubscribeQuickReply('Person F'),
    ],
  },
  { says: 'Person C changes their mind and writes "stop"', items: [says('Person C', 'stop')] },
];

export interface ReplayOptions {
  strapi: Core.Strapi;
  baseUrl: string;
  appSecret: string;
  steps?: Step[];
  onStep?: (step: Step) => void;
  timeoutMs?: number;
}

/** Posts one webhook body, signed over its exact bytes as Meta signs it. */
export const postSigned = async (baseUrl: string, raw: string, appSecret: string) => {
  const response = await fetch(`${baseUrl}/api/messenger-gdpr/webhook`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': sign(raw, appSecret) },
    body: raw,
  });
  if (response.status !== 200) {
    throw new Error(`The webhook answered HTTP ${response.status}: ${await response.text()}`);
  }
};

/**
 * Waits until the plugin's inbox has applied every stored webhook body and sent its replies.
 * The inbox's and the outbox's own passes are joined, so every reply queued has been sent.
 */
export const waitForInbox = async (strapi: Core.Strapi, timeoutMs = 30_000): Promise<void> => {
  const inbox = strapi.plugin('messenger-gdpr').service('inbox') as { drain: () => Promise<void> };
  const outbox = strapi.plugin('messenger-gdpr').service('outbox') as {
    flush: () => Promise<void>;
  };
  const receipts = strapi.db.query('plugin::messenger-gdpr.webhook-receipt');
  const deadline = Date.now() + timeoutMs;

  for (;;) {
    await inbox.drain();
    // Replies leave through the outbox once their body is applied.
    await outbox.flush();
    const open = await receipts.count({ where: { status: { $in: ['pending', 'processing'] } } });
    if (open === 0) {
      const failed = await receipts.count({ where: { status: 'failed' } });
      if (failed > 0) {
        throw new Error(`${failed} webhook bodies could not be processed (see the server log)`);
      }
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `The inbox still holds ${open} unprocessed webhook bodies after ${timeoutMs} ms`,
      );
    }
    await sleep(200);
  }
};

/**
 * Replays the conversation: one signed POST per person and step (Meta sends most events one by
 * one), each step after the bot answered the one before, as people read before they tap.
 */
export const replayConversation = async (options: ReplayOptions): Promise<void> => {
  let clock = Date.now();
  // Times only move forward, even across steps sent within the same millisecond.
  const now = () => (clock = Math.max(Date.now(), clock + 1));

  for (const step of options.steps ?? CONVERSATION) {
    options.onStep?.(step);
    for (const item of step.items) {
      const raw = body([{ pageId: item.who.pageId, messaging: [item.build(now())] }]);
      await postSigned(options.baseUrl, raw, options.appSecret);
    }
    await waitForInbox(options.strapi, options.timeoutMs);
  }
};

/** A one-line description of a Send API call: what the person saw. */
export const describeMessage = (call: RecordedCall): string => {
  const message = (call.body.message ?? {}) as {
    text?: string;
    quick_replies?: Array<{ title?: string }>;
    attachment?: { payload?: { text?: string; buttons?: Array<{ title?: string }> } };
  };
  const shorten = (value: string) => (value.length > 70 ? `${value.slice(0, 67)}…` : value);

  if (message.attachment?.payload) {
    const { payload } = message.attachment;
    const buttons = (payload.buttons ?? []).map((button) => `[${button.title}]`).join(' ');
    return `"${shorten(payload.text ?? '')}" ${buttons}`.trim();
  }
  const quickReplies = (message.quick_replies ?? []).map((reply) => `(${reply.title})`).join(' ');
  return `"${shorten(message.text ?? '')}" ${quickReplies}`.trim();
};

export const labelOf = (psid: string | null): string =>
  PEOPLE.find((entry) => entry.psid === psid)?.label ?? `someone else (${psid})`;

export const pageName = (pageId: string): string =>
  PAGES.find((page) => page.id === pageId)?.name ?? pageId;

export interface StatusCheck {
  person: Person;
  status: string | null;
  ok: boolean;
}

/** Each person's subscriber status now, read through the plugin's own service. */
export const statuses = async (strapi: Core.Strapi): Promise<StatusCheck[]> => {
  const subscribers = strapi.plugin('messenger-gdpr').service('subscribers') as {
    findByPsid: (pageId: string, psid: string) => Promise<{ status: string } | null>;
  };
  return Promise.all(
    PEOPLE.map(async (entry) => {
      const found = await subscribers.findByPsid(entry.pageId, entry.psid);
      const status = found?.status ?? null;
      return { person: entry, status, ok: status === entry.expected };
    }),
  );
};
