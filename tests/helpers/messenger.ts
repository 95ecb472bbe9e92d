import { createHmac } from 'node:crypto';

export const APP_SECRET = 'fixture-app-secret';

/**
 * Serialises like Meta does: compact JSON, non-ASCII as lowercase `\uXXXX`, `/` as `\/`.
 * Signatures must hold over exactly these bytes.
 */
export const metaJson = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');

export const sign = (raw: string | Buffer, secret = APP_SECRET): string =>
  `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

type Item = Record<string, unknown>;

let sequence = 0;
const nextMid = (prefix: string) => `m_${prefix}_${Date.now().toString(36)}_${(sequence += 1)}`;

/** One messaging item from a person to a Page. */
export const fromPerson = (
  pageId: string,
  psid: string,
  timestamp: number,
  content: Item,
): Item => ({
  sender: { id: psid },
  recipient: { id: pageId },
  timestamp,
  ...content,
});

export const text = (
  pageId: string,
  psid: string,
  body: string,
  timestamp = Date.now(),
  mid = nextMid('text'),
) => fromPerson(pageId, psid, timestamp, { message: { mid, text: body } });

export const quickReply = (
  pageId: string,
  psid: string,
  payload: string,
  title: string,
  timestamp = Date.now(),
) =>
  fromPerson(pageId, psid, timestamp, {
    message: { mid: nextMid('qr'), text: title, quick_reply: { payload } },
  });

export const postback = (
  pageId: string,
  psid: string,
  payload: string,
  title: string,
  timestamp = Date.now(),
) => fromPerson(pageId, psid, timestamp, { postback: { mid: nextMid('pb'), title, payload } });

/** A webhook body with one entry per Page, in the order given. */
export const body = (
  entries: Array<{ pageId: string; messaging?: Item[]; standby?: Item[] }>,
): string =>
  metaJson({
    object: 'page',
    entry: entries.map((entry) => ({
      id: entry.pageId,
      time: Date.now(),
      ...(entry.messaging ? { messaging: entry.messaging } : {}),
      ...(entry.standby ? { standby: entry.standby } : {}),
    })),
  });
