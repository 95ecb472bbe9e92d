import { readFileSync } from 'node:fs';
import path from 'node:path';

import { extractEvents, normaliseKeyword, parseWebhookBody } from '../../server/src/webhook/events';

const fixture = (name: string) =>
  parseWebhookBody(
    readFileSync(path.join(__dirname, '..', 'fixtures', 'messenger', `${name}.json`), 'utf8'),
  );

const eventsOf = (name: string) => {
  const body = fixture(name);
  if (!body) {
    throw new Error(`${name} did not parse`);
  }
  return extractEvents(body);
};

describe('webhook events', () => {
  it.each([
    ['message-first-hello', 'message'],
    ['quick-reply-subscribe', 'message'],
    ['postback-get-started-referral', 'postback'],
    ['postback-unsubscribe', 'postback'],
    ['message-stop-keyword', 'message'],
    ['message-unicode-escaped', 'message'],
    ['message-attachment-only', 'message'],
    ['message-echo', 'echo'],
    ['delivery', 'delivery'],
    ['read', 'read'],
    ['referral-existing-thread', 'referral'],
    ['optin-checkbox-user-ref', 'optin'],
    ['standby-message', 'message'],
    ['policy-enforcement-block', 'policy-enforcement'],
  ])('reads %s as a %s event', (name, kind) => {
    const [event] = eventsOf(name);
    expect(event.kind).toBe(kind);
    expect(event.pageId).toBe('1000000000000001');
  });

  it('reads every entry and event of a batch for two Pages, with their places in the body', () => {
    const events = eventsOf('batch-two-pages');
    expect(events.map((event) => [event.pageId, event.psid, event.path])).toEqual([
      ['1000000000000001', '7000000000000005', 'entry[0].messaging[0]'],
      ['1000000000000001', '7000000000000006', 'entry[0].messaging[1]'],
      ['1000000000000002', '8000000000000001', 'entry[1].messaging[0]'],
      ['1000000000000002', '8000000000000001', 'entry[1].messaging[1]'],
    ]);
  });

  it('takes the person of an echo from its recipient, not its sender (the Page)', () => {
    const [echo] = eventsOf('message-echo');
    expect(echo).toMatchObject({ kind: 'echo', psid: '7000000000000001' });
  });

  it('marks standby events and decodes escaped unicode', () => {
    expect(eventsOf('standby-message')[0]).toMatchObject({ standby: true, text: 'unsubscribe' });
    expect(eventsOf('message-unicode-escaped')[0]).toMatchObject({
      text: expect.stringContaining('Grüße aus Köln / Olá'),
    });
  });

  it('keeps the payloads and referral that decide consent and source', () => {
    expect(eventsOf('quick-reply-subscribe')[0]).toMatchObject({ quickReplyPayload: 'SUBSCRIBE' });
    expect(eventsOf('postback-get-started-referral')[0]).toMatchObject({
      payload: 'GET_STARTED',
      referralRef: 'winter-menu',
    });
    expect(eventsOf('delivery')[0]).toMatchObject({
      watermark: 1767226450000,
      mids: ['m_fx_echo_1'],
    });
  });

  it.each([
    ['an entry that is not an object', { object: 'page', entry: [42] }, 'malformed'],
    [
      'an event that is null',
      { object: 'page', entry: [{ id: '1', messaging: [null] }] },
      'malformed',
    ],
    [
      'an event of an unknown kind',
      { object: 'page', entry: [{ id: '1', messaging: [{ timestamp: 1, reaction: {} }] }] },
      'unsupported',
    ],
    [
      'a message without timestamp',
      { object: 'page', entry: [{ id: '1', messaging: [{ sender: { id: '2' }, message: {} }] }] },
      'malformed',
    ],
    [
      'a message whose text is a number',
      {
        object: 'page',
        entry: [
          { id: '1', messaging: [{ sender: { id: '2' }, timestamp: 1, message: { text: 5 } }] },
        ],
      },
      'malformed',
    ],
    [
      'a read without watermark',
      {
        object: 'page',
        entry: [{ id: '1', messaging: [{ sender: { id: '2' }, timestamp: 1, read: {} }] }],
      },
      'malformed',
    ],
  ])('turns %s into a skipped event instead of an error', (_name, value, kind) => {
    const body = parseWebhookBody(JSON.stringify(value));
    expect(body).toBeDefined();
    expect(extractEvents(body!).map((event) => event.kind)).toEqual([kind]);
  });

  it.each([
    '',
    'null',
    '[]',
    '{"object":"page"}',
    '{"entry":[]}',
    '{"object":"page","entry":{}}',
    'not json',
  ])('refuses %j as not a webhook envelope', (raw) => {
    expect(parseWebhookBody(raw)).toBeUndefined();
  });

  it.each([
    ['STOP', 'stop'],
    ['  Stop! ', 'stop'],
    ['Unsubscribe.', 'unsubscribe'],
    ['ARRÊT', 'arrêt'],
    ['stop   all', 'stop all'],
    ['🛑 STOP!!', 'stop'],
    ['stop 🙏🏽', 'stop'],
    ['«Baja»', 'baja'],
  ])('normalises %j to %j for keyword matching', (input, expected) => {
    expect(normaliseKeyword(input)).toBe(expected);
  });
});
