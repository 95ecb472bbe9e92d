import type { Core } from '@strapi/strapi';

import type { ConsentMethod } from '../../../plugin/contracts/subscribers';
import { PAYLOADS } from '../../../plugin/identity';
import { getService } from '../utils/get-service';
import { createLogger } from '../utils/log';
import { type MessengerEvent, normaliseKeyword } from '../webhook/events';
import type { OutgoingMessage } from './graph-client';
import type { QueuedReply } from './outbox';
import type { SubscriberBatch, SubscriberState } from './subscribers';

/** A message to send once the event's transaction has committed. */
export type Reply = QueuedReply;

export interface HandledEvent {
  replies: Reply[];
  /** Subscribers whose names to fetch once committed (only when profile lookup is on). */
  profileLookups?: Array<{ subscriberId: number; pageId: string; psid: string }>;
}

type UserEvent = Extract<MessengerEvent, { kind: 'message' | 'postback' | 'referral' | 'optin' }>;

type Intent =
  | { kind: 'subscribe'; method: ConsentMethod }
  | { kind: 'unsubscribe'; method: ConsentMethod }
  | { kind: 'none' };

const USER_EVENT_KINDS = new Set(['message', 'postback', 'referral', 'optin']);

/** Words around a keyword that do not change its meaning: "stop please", "unsubscribe me". */
const COURTESIES = new Set([
  'please',
  'pls',
  'plz',
  'me',
  'now',
  'thanks',
  'thank',
  'you',
  'ok',
  'bitte',
  'danke',
  'merci',
  'svp',
  'por',
  'favor',
  'grazie',
  'alsjeblieft',
]);

/**
 * An opt-out: the whole message is a keyword, once courtesies are set aside. "Please stop" and
 * "STOP!!" opt out; "don't stop" does not.
 */
const isOptOut = (text: string, keywords: Set<string>): boolean => {
  const normalised = normaliseKeyword(text);
  if (keywords.has(normalised)) {
    return true;
  }
  const words = normalised
    .split(' ')
    .map(normaliseKeyword)
    .filter((word) => word !== '' && !COURTESIES.has(word));
  return words.length > 0 && words.length <= 3 && keywords.has(words.join(' '));
};

/** Words that ask for the offer again; the tap on its Subscribe button is the consent. */
const SUBSCRIBE_WORDS = new Set([
  'subscribe',
  'start',
  'sign up',
  'abonnieren',
  "s'abonner",
  'suscribir',
  'suscribirme',
  'iscriviti',
  'aanmelden',
  'assinar',
  'subskrybuj',
]);

/**
 * Applies one Messenger event: subscribers, consent, interaction time, delivery receipts and
 * policy enforcement. Runs inside the receipt's transaction; replies are returned, not sent.
 */
const eventHandler = ({ strapi }: { strapi: Core.Strapi }) => {
  const log = createLogger(strapi);
  const settings = () => getService(strapi, 'settings');
  const texts = () => settings().texts();

  const intentOf = (event: UserEvent): Intent => {
    if (event.kind === 'postback') {
      if (event.payload === PAYLOADS.unsubscribe) {
        return { kind: 'unsubscribe', method: 'postback' };
      }
      if (event.payload === PAYLOADS.subscribe) {
        return { kind: 'subscribe', method: 'postback' };
      }
      return { kind: 'none' };
    }

    if (event.kind === 'optin' && event.notificationStatus === 'stop') {
      return { kind: 'unsubscribe', method: 'notification-stop' };
    }

    if (event.kind !== 'message') {
      return { kind: 'none' };
    }

    if (event.quickReplyPayload === PAYLOADS.unsubscribe) {
      return { kind: 'unsubscribe', method: 'quick-reply' };
    }
    if (event.quickReplyPayload === PAYLOADS.subscribe) {
      return { kind: 'subscribe', method: 'quick-reply' };
    }
    if (event.text && isOptOut(event.text, settings().optOutKeywords())) {
      return { kind: 'unsubscribe', method: 'text-keyword' };
    }
    return { kind: 'none' };
  };

  const subscribeOffer = (): OutgoingMessage => ({
    text: texts().subscribeOffer(settings().policyUrl()),
    quickReplies: [{ title: texts().subscribeButton, payload: PAYLOADS.subscribe }],
  });

  /** What a person's event means for their consent, and what the bot answers. */
  const decide = async (
    event: UserEvent & { psid: string },
    subscriber: SubscriberState,
    created: boolean,
    eventKey: string,
    receiptId: number,
  ): Promise<HandledEvent> => {
    const subscribers = getService(strapi, 'subscribers');
    const intent = intentOf(event);
    const change = (status: 'subscribed' | 'unsubscribed', method: ConsentMethod) =>
      subscribers.changeStatus(subscriber, {
        status,
        method,
        eventTime: event.timestamp,
        eventKey,
        receiptId,
        eventPath: event.path,
      });
    const reply = (message: OutgoingMessage): HandledEvent => ({
      replies: [{ subscriberId: subscriber.id, pageId: event.pageId, message }],
    });

    if (intent.kind === 'unsubscribe') {
      // Confirmed to anyone it changes something for, pending people included.
      const wasUnsubscribed = subscriber.status === 'unsubscribed';
      const applied = await change('unsubscribed', intent.method);
      return applied && !wasUnsubscribed ? reply({ text: texts().unsubscribed }) : { replies: [] };
    }

    // Another app owns the thread: only opt-outs and activity are honoured there.
    if (event.standby) {
      return { replies: [] };
    }

    if (intent.kind === 'subscribe') {
      const wasSubscribed = subscriber.status === 'subscribed';
      const applied = await change('subscribed', intent.method);
      return applied && !wasSubscribed ? reply({ text: texts().subscribed }) : { replies: [] };
    }

    // Writing to the Page (or tapping Get Started) starts a conversation; opening a thread from
    // a link, an ad or a plugin does not.
    const startsConversation =
      event.kind === 'message' || (event.kind === 'postback' && event.payload === 'GET_STARTED');
    if (created && startsConversation && settings().config().optInMode === 'conversation') {
      await change('subscribed', 'conversation-start');
      return reply({ text: texts().subscribedByConversation });
    }

    // A first contact, or someone not subscribed who asks for it in words or taps a button,
    // gets the offer again: only tapping Subscribe in it is consent.
    const asksToSubscribe =
      event.kind === 'message' &&
      event.text !== undefined &&
      SUBSCRIBE_WORDS.has(normaliseKeyword(event.text));
    if (
      created ||
      (subscriber.status !== 'subscribed' && (asksToSubscribe || event.kind === 'postback'))
    ) {
      return reply(subscribeOffer());
    }

    return { replies: [] };
  };

  const handleUserEvent = async (
    event: UserEvent & { psid: string },
    eventKey: string,
    receiptId: number,
    batch: SubscriberBatch,
  ): Promise<HandledEvent> => {
    const referralRef =
      event.kind === 'postback' || event.kind === 'referral'
        ? event.referralRef
        : event.kind === 'optin'
          ? event.ref
          : undefined;

    const { subscriber, created } = await batch.resolve(
      event.pageId,
      event.psid,
      referralRef ?? null,
    );
    batch.touch(subscriber, event.timestamp);

    const lookups =
      created && settings().config().profileLookup
        ? [{ subscriberId: subscriber.id, pageId: event.pageId, psid: event.psid }]
        : [];
    const result = await decide(event, subscriber, created, eventKey, receiptId);
    return { ...result, profileLookups: lookups };
  };

  const handleWatermark = async (
    event: Extract<MessengerEvent, { kind: 'delivery' | 'read' }> & { psid: string },
    batch: SubscriberBatch,
  ) => {
    const subscriber = batch.peek(event.pageId, event.psid);
    if (!subscriber) {
      return;
    }
    await getService(strapi, 'dispatcher').recordReceipt(
      subscriber.id,
      event.kind,
      event.watermark,
      event.timestamp,
    );
  };

  return {
    async handle(
      event: MessengerEvent,
      eventKey: string,
      receiptId: number,
      batch: SubscriberBatch,
    ): Promise<HandledEvent> {
      if (event.kind === 'message' && !event.text && !event.quickReplyPayload) {
        // A photo or a sticker says nothing about consent, but it is the person's activity.
        const known = event.psid ? batch.peek(event.pageId, event.psid) : null;
        if (known) {
          batch.touch(known, event.timestamp);
        }
        log.info('message without text skipped', {
          kind: event.attachmentTypes.join('+') || 'empty',
          page: event.pageId,
        });
        return { replies: [] };
      }

      if (USER_EVENT_KINDS.has(event.kind)) {
        if (!event.psid) {
          log.info('event without a PSID skipped', { kind: event.kind, page: event.pageId });
          return { replies: [] };
        }
        return handleUserEvent(event as UserEvent & { psid: string }, eventKey, receiptId, batch);
      }

      switch (event.kind) {
        case 'echo':
          // The Page's own messages are neither the person's activity nor their consent.
          return { replies: [] };
        case 'delivery':
        case 'read':
          if (event.psid) {
            await handleWatermark({ ...event, psid: event.psid }, batch);
          }
          return { replies: [] };
        case 'policy-enforcement':
          await getService(strapi, 'pages').applyPolicyEnforcement(
            event.pageId,
            event.action,
            event.timestamp,
          );
          return { replies: [] };
        case 'unsupported':
          log.info('unsupported event kind skipped', { kind: event.detail, page: event.pageId });
          return { replies: [] };
        default:
          log.warn('malformed event skipped', {
            detail: event.kind === 'malformed' ? event.detail : event.kind,
            page: event.pageId,
          });
          return { replies: [] };
      }
    },
  };
};

export default eventHandler;
