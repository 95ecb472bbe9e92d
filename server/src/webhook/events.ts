import { z } from 'zod';

/**
 * The envelope of a Messenger webhook body. Only what the plugin relies on is checked; the
 * rest passes through, since Meta adds fields over time.
 */
const idValue = z.union([z.string(), z.number()]).transform(String);

const partySchema = z.object({ id: idValue.optional() }).passthrough();

const timestampSchema = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

const messagingItemSchema = z
  .object({
    sender: partySchema.optional(),
    recipient: partySchema.optional(),
    timestamp: timestampSchema.optional(),
  })
  .passthrough();

const entrySchema = z
  .object({
    id: idValue,
    messaging: z.array(z.unknown()).optional(),
    standby: z.array(z.unknown()).optional(),
  })
  .passthrough();

/**
 * Only the outer shape decides whether a body is a webhook at all; entries and events are
 * read one by one, so one odd event is skipped instead of refusing the whole body.
 */
export const webhookBodySchema = z
  .object({
    object: z.string(),
    entry: z.array(z.unknown()),
  })
  .passthrough();

export type WebhookBody = z.infer<typeof webhookBodySchema>;

const messageSchema = z
  .object({
    mid: z.string().optional(),
    text: z.string().optional(),
    is_echo: z.boolean().optional(),
    quick_reply: z.object({ payload: z.string() }).passthrough().optional(),
    attachments: z.array(z.object({ type: z.string() }).passthrough()).optional(),
  })
  .passthrough();

const postbackSchema = z
  .object({
    mid: z.string().optional(),
    title: z.string().optional(),
    payload: z.string().optional(),
    referral: z.object({ ref: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

const watermarkSchema = z
  .object({ watermark: timestampSchema, mids: z.array(z.string()).optional() })
  .passthrough();

const referralSchema = z.object({ ref: z.string().optional() }).passthrough();

const policySchema = z
  .object({ action: z.enum(['warning', 'block', 'unblock']), reason: z.string().optional() })
  .passthrough();

interface EventBase {
  pageId: string;
  /** Page-scoped id of the person; absent on page-level events and plugin opt-ins. */
  psid?: string;
  timestamp: number;
  /** Where the event sits in the body, e.g. `entry[0].messaging[2]`: the proof's pointer. */
  path: string;
  /** True when the event came through `standby[]` (another app owns the thread). */
  standby: boolean;
}

export type MessengerEvent =
  | (EventBase & {
      kind: 'message';
      mid?: string;
      text?: string;
      quickReplyPayload?: string;
      attachmentTypes: string[];
    })
  | (EventBase & { kind: 'echo'; mid?: string })
  | (EventBase & { kind: 'postback'; mid?: string; payload?: string; referralRef?: string })
  | (EventBase & { kind: 'referral'; referralRef?: string })
  | (EventBase & {
      kind: 'optin';
      ref?: string;
      userRef?: string;
      /** A person who stopped (or resumed) notification messages: `STOP NOTIFICATIONS`. */
      notificationStatus?: 'stop' | 'resume';
    })
  | (EventBase & { kind: 'delivery'; watermark: number; mids: string[] })
  | (EventBase & { kind: 'read'; watermark: number })
  | (EventBase & { kind: 'policy-enforcement'; action: 'warning' | 'block' | 'unblock' })
  | (EventBase & { kind: 'unsupported'; detail: string })
  | (EventBase & { kind: 'malformed'; detail: string });

const KNOWN_KEYS = [
  'message',
  'postback',
  'referral',
  'optin',
  'delivery',
  'read',
  'policy_enforcement',
] as const;

/** Turns one `messaging[]` or `standby[]` item into a typed event; never throws. */
const toEvent = (
  item: z.infer<typeof messagingItemSchema>,
  pageId: string,
  path: string,
  standby: boolean,
): MessengerEvent => {
  const timestamp = item.timestamp ?? 0;
  const base: EventBase = { pageId, psid: item.sender?.id, timestamp, path, standby };
  const key = KNOWN_KEYS.find((candidate) => candidate in item);

  if (!key) {
    const detail = Object.keys(item).find(
      (name) => !['sender', 'recipient', 'timestamp'].includes(name),
    );
    return { ...base, kind: 'unsupported', detail: detail ?? 'empty' };
  }

  if (!item.timestamp) {
    return { ...base, kind: 'malformed', detail: `${key} without timestamp` };
  }

  switch (key) {
    case 'message': {
      const message = messageSchema.safeParse(item.message);
      if (!message.success) {
        return { ...base, kind: 'malformed', detail: 'message' };
      }
      if (message.data.is_echo) {
        // The Page is the sender of an echo: the person is the recipient.
        return { ...base, psid: item.recipient?.id, kind: 'echo', mid: message.data.mid };
      }
      return {
        ...base,
        kind: 'message',
        mid: message.data.mid,
        text: message.data.text,
        quickReplyPayload: message.data.quick_reply?.payload,
        attachmentTypes: (message.data.attachments ?? []).map((attachment) => attachment.type),
      };
    }
    case 'postback': {
      const postback = postbackSchema.safeParse(item.postback);
      return postback.success
        ? {
            ...base,
            kind: 'postback',
            mid: postback.data.mid,
            payload: postback.data.payload,
            referralRef: postback.data.referral?.ref,
          }
        : { ...base, kind: 'malformed', detail: 'postback' };
    }
    case 'referral': {
      const referral = referralSchema.safeParse(item.referral);
      return referral.success
        ? { ...base, kind: 'referral', referralRef: referral.data.ref }
        : { ...base, kind: 'malformed', detail: 'referral' };
    }
    case 'optin': {
      const optin = z
        .object({
          ref: z.string().optional(),
          user_ref: z.string().optional(),
          notification_messages_status: z.string().optional(),
        })
        .passthrough()
        .safeParse(item.optin);
      if (!optin.success) {
        return { ...base, kind: 'malformed', detail: 'optin' };
      }
      // Meta documents "STOP NOTIFICATIONS"; the wire spelling may use an underscore.
      const status = optin.data.notification_messages_status?.toUpperCase().replace(/_/g, ' ');
      return {
        ...base,
        kind: 'optin',
        ref: optin.data.ref,
        userRef: optin.data.user_ref,
        notificationStatus:
          status === 'STOP NOTIFICATIONS'
            ? 'stop'
            : status === 'RESUME NOTIFICATIONS'
              ? 'resume'
              : undefined,
      };
    }
    case 'delivery': {
      const delivery = watermarkSchema.safeParse(item.delivery);
      return delivery.success
        ? {
            ...base,
            kind: 'delivery',
            watermark: delivery.data.watermark,
            mids: delivery.data.mids ?? [],
          }
        : { ...base, kind: 'malformed', detail: 'delivery' };
    }
    case 'read': {
      const read = watermarkSchema.safeParse(item.read);
      return read.success
        ? { ...base, kind: 'read', watermark: read.data.watermark }
        : { ...base, kind: 'malformed', detail: 'read' };
    }
    case 'policy_enforcement': {
      const policy = policySchema.safeParse(item.policy_enforcement);
      return policy.success
        ? { ...base, kind: 'policy-enforcement', action: policy.data.action }
        : { ...base, kind: 'malformed', detail: 'policy_enforcement' };
    }
  }
};

const readItems = (
  items: unknown[] | undefined,
  pageId: string,
  prefix: string,
  standby: boolean,
): MessengerEvent[] =>
  (items ?? []).map((item, index) => {
    const path = `${prefix}[${index}]`;
    const parsed = messagingItemSchema.safeParse(item);
    return parsed.success
      ? toEvent(parsed.data, pageId, path, standby)
      : { pageId, timestamp: 0, path, standby, kind: 'malformed' as const, detail: 'event' };
  });

/** Every event of every entry, `messaging[]` and `standby[]` alike, in body order. */
export const extractEvents = (body: WebhookBody): MessengerEvent[] =>
  body.entry.flatMap((raw, entryIndex) => {
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) {
      return [
        {
          pageId: 'unknown',
          timestamp: 0,
          path: `entry[${entryIndex}]`,
          standby: false,
          kind: 'malformed' as const,
          detail: 'entry',
        },
      ];
    }
    return [
      ...readItems(entry.data.messaging, entry.data.id, `entry[${entryIndex}].messaging`, false),
      ...readItems(entry.data.standby, entry.data.id, `entry[${entryIndex}].standby`, true),
    ];
  });

/**
 * Parses a body already proven authentic. Returns undefined for bytes that are not a
 * Messenger webhook envelope.
 */
export const parseWebhookBody = (raw: string): WebhookBody | undefined => {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }

  const parsed = webhookBodySchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
};

/**
 * Text normalised for keyword matching: compatibility forms folded (fullwidth letters, decomposed
 * accents), case-folded, invisible characters removed, and the punctuation, symbols and emoji
 * around it dropped ("STOP!!", "🛑 stop", "Stop…" all read "stop").
 */
export const normaliseKeyword = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\u200b|\u200c|\u200d|\u2060|\ufeff|\ufe0f/gu, '')
    .replace(/^[\s\p{P}\p{S}\p{Extended_Pictographic}]+/u, '')
    .replace(/[\s\p{P}\p{S}\p{Extended_Pictographic}]+$/u, '')
    .replace(/\s+/g, ' ');
