import { z } from 'zod';

import { parseKeyRing } from '../crypto/key-ring';

/**
 * Pages: `MESSENGER_PAGES` is either comma-separated `<page id>:<access token>` pairs, or a
 * JSON array of `{ id, token, name?, sendRatePerSecond? }`. The config file may give the array
 * directly.
 */
const pageSchema = z.object({
  id: z.string().regex(/^\d{1,32}$/, 'a Page id is made of digits only'),
  token: z.string().min(1, 'the Page access token is empty'),
  name: z.string().min(1).optional(),
  /** Messages per second for this Page; Meta's inbox stops working above 40. */
  sendRatePerSecond: z.number().positive().max(40).optional(),
});

export type PageConfig = z.infer<typeof pageSchema>;

const parsePages = (value: unknown, context: z.RefinementCtx): PageConfig[] => {
  let entries: unknown = value;

  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') {
      return [];
    }

    if (text.startsWith('[')) {
      try {
        entries = JSON.parse(text);
      } catch {
        context.addIssue({ code: 'custom', message: 'is not valid JSON' });
        return z.NEVER;
      }
    } else {
      entries = text.split(',').map((pair) => {
        const separator = pair.indexOf(':');
        return separator < 0
          ? { id: pair.trim(), token: '' }
          : { id: pair.slice(0, separator).trim(), token: pair.slice(separator + 1).trim() };
      });
    }
  }

  const parsed = z.array(pageSchema).safeParse(entries);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      context.addIssue({
        code: 'custom',
        message: `entry ${Number(issue.path[0] ?? 0) + 1}: ${issue.message}`,
      });
    }
    return z.NEVER;
  }

  const ids = new Set<string>();
  for (const page of parsed.data) {
    if (ids.has(page.id)) {
      context.addIssue({ code: 'custom', message: `Page ${page.id} is listed twice` });
    }
    ids.add(page.id);
  }

  return parsed.data;
};

export const DEFAULT_OPT_OUT_KEYWORDS = [
  'stop',
  'unsubscribe',
  'stop all',
  'opt out',
  'optout',
  'cancel',
  'end',
  'quit',
  // German, French, Spanish, Italian, Dutch, Portuguese, Polish
  'stopp',
  'abmelden',
  'abbestellen',
  'arret',
  'arrêt',
  'arrête',
  'desabonner',
  'désabonner',
  'désinscrire',
  'baja',
  'darme de baja',
  'cancelar',
  'parar',
  'basta',
  'disiscrivimi',
  'afmelden',
  'uitschrijven',
  'sair',
  'cancelar inscrição',
  'wypisz',
  'rezygnuję',
];

/** What the bot says. Each text can be replaced in `config/plugins.ts`. */
export const textsSchema = z.object({
  subscribeOffer: z.string().min(1),
  subscribeButton: z.string().min(1).max(20),
  subscribed: z.string().min(1),
  subscribedByConversation: z.string().min(1),
  unsubscribed: z.string().min(1),
  unsubscribeButton: z.string().min(1).max(20),
});

export const DEFAULT_TEXTS: z.infer<typeof textsSchema> = {
  subscribeOffer:
    'Hi! Would you like to get our news here in Messenger? Tap Subscribe. You can stop at any time by writing STOP.',
  subscribeButton: 'Subscribe',
  subscribed: 'You are subscribed. Write STOP at any time to unsubscribe.',
  subscribedByConversation:
    'Thanks for your message! You will get our news here. Write STOP at any time to unsubscribe.',
  unsubscribed: 'You are unsubscribed and will not get our news any more.',
  unsubscribeButton: 'Unsubscribe',
};

export const configSchema = z.object({
  appSecret: z
    .string({ message: 'MESSENGER_APP_SECRET is not set' })
    .min(1, 'MESSENGER_APP_SECRET is empty'),
  verifyToken: z
    .string({ message: 'MESSENGER_VERIFY_TOKEN is not set' })
    .min(1, 'MESSENGER_VERIFY_TOKEN is empty'),
  pages: z.unknown().transform(parsePages),
  graphUrl: z
    .string()
    .url('MESSENGER_GRAPH_URL is not a URL')
    .transform((url) => url.replace(/\/+$/, '')),
  graphVersion: z.string().regex(/^v\d+\.\d+$/, 'graphVersion looks like "v25.0"'),
  graphTimeoutMs: z.number().int().positive(),
  keys: z.string({ message: 'MESSENGER_GDPR_KEYS is not set' }).superRefine((raw, context) => {
    try {
      parseKeyRing(raw);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
    }
  }),
  publicUrl: z.string().url('PUBLIC_URL is not a URL').optional(),
  optInMode: z.enum(['explicit', 'conversation']),
  optOutKeywords: z.array(z.string().min(1)),
  sendRatePerSecond: z.number().positive().max(40),
  messagingWindowHours: z
    .number()
    .positive()
    .max(24 * 7),
  receiptRetentionDays: z.number().int().positive(),
  profileLookup: z.boolean(),
  texts: textsSchema.partial().transform((texts) => ({ ...DEFAULT_TEXTS, ...texts })),
  /** Refuse public requests that did not arrive over HTTPS (default: in production). */
  requireHttps: z.boolean(),
});

export type PluginConfig = z.infer<typeof configSchema>;
