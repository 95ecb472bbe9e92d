import { readFileSync } from 'node:fs';
import path from 'node:path';

import { CONTENT_TYPES } from '../../plugin/identity';
import { body, fromPerson, metaJson, postback, quickReply, sign, text } from '../helpers/messenger';
import { PAGE_1, PAGE_2, psid1 } from '../helpers/personal-data';
import { startStrapi, stopStrapi, type TestContext } from '../helpers/strapi';

const fixture = (name: string) =>
  readFileSync(path.join(__dirname, '..', 'fixtures', 'messenger', `${name}.json`), 'utf8');

describe('webhook ingestion', () => {
  let context: TestContext;

  beforeAll(async () => {
    context = await startStrapi();
  });

  afterAll(async () => {
    await stopStrapi(context);
  });

  const count = (uid: string, where: Record<string, unknown> = {}) =>
    context.strapi.db.query(uid).count({ where });
  const subscriber = (pageId: string, psid: string) =>
    context.service('subscribers').findByPsid(pageId, psid);
  const ledger = async (pageId: string, psid: string) =>
    context
      .service('consentLedger')
      .history(context.service('subscribers').subjectKey(pageId, psid));

  describe('handshake', () => {
    it('echoes the challenge for the right token', async () => {
      const response = await context.http().get('/api/messenger-gdpr/webhook').query({
        'hub.mode': 'subscribe',
        'hub.verify_token': 'test-verify-token',
        'hub.challenge': '1158201444',
      });
      expect(response.status).toBe(200);
      expect(response.text).toBe('1158201444');
    });

    it.each([
      [{ 'hub.mode': 'subscribe', 'hub.verify_token': 'wrong', 'hub.challenge': '1' }],
      [
        {
          'hub.mode': 'unsubscribe',
          'hub.verify_token': 'test-verify-token',
          'hub.challenge': '1',
        },
      ],
      [{ 'hub.challenge': '1' }],
    ])('refuses %j with 403', async (query) => {
      const response = await context.http().get('/api/messenger-gdpr/webhook').query(query);
      expect(response.status).toBe(403);
      expect(response.text).not.toContain('1');
    });
  });

  describe('refusals store nothing', () => {
    const raw = () => body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(40), 'hello')] }]);

    it.each([
      ['unsigned', null, 403 as number],
      ['signed with another secret', 'other', 403],
      ['signed over other bytes', 'tampered', 403],
      ['signed with sha1 only', 'sha1', 403],
    ])('%s → %d', async (_name, variant, status) => {
      const receiptsBefore = await count(CONTENT_TYPES.webhookReceipt);
      const subscribersBefore = await count(CONTENT_TYPES.subscriber);
      const bytes = raw();
      const signature =
        variant === null
          ? null
          : variant === 'other'
            ? sign(bytes, 'another-secret')
            : variant === 'tampered'
              ? sign(`${bytes} `)
              : sign(bytes).replace('sha256=', 'sha1=');

      const response = await context.postWebhook(bytes, { signature });

      expect(response.status).toBe(status);
      expect(await count(CONTENT_TYPES.webhookReceipt)).toBe(receiptsBefore);
      expect(await count(CONTENT_TYPES.subscriber)).toBe(subscribersBefore);
      expect(await count(CONTENT_TYPES.consent)).toBe(0);
    });

    it.each([
      ['not JSON', '{"object":"page","entry":['],
      ['not an envelope', '{"hello":"world"}'],
      ['entry is not a list', '{"object":"page","entry":{}}'],
      // Cut short in transit: the parser's error must not carry the PSID into the logs.
      [
        'truncated',
        body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(39), 'hi')] }]).slice(0, -12),
      ],
    ])('a signed body that is %s → 400', async (_name, bytes) => {
      const receiptsBefore = await count(CONTENT_TYPES.webhookReceipt);
      const response = await context.postWebhook(bytes);
      expect(response.status).toBe(400);
      expect(await count(CONTENT_TYPES.webhookReceipt)).toBe(receiptsBefore);
    });
  });

  it('verifies Meta’s exact bytes, unicode escapes and escaped slashes included', async () => {
    const response = await context.postWebhook(fixture('message-unicode-escaped'));
    expect(response.status).toBe(200);
    expect(await subscriber(PAGE_1, '7000000000000003')).toMatchObject({ status: 'pending' });
  });

  it('never answers 500, whatever the events look like', async () => {
    const odd = [
      { object: 'page', entry: [{ id: PAGE_1, messaging: [null, 5, 'x', { timestamp: 'soon' }] }] },
      {
        object: 'page',
        entry: [
          {
            id: PAGE_1,
            messaging: [
              { sender: { id: psid1(41) }, timestamp: Date.now(), reaction: { emoji: '👍' } },
            ],
          },
        ],
      },
      {
        object: 'page',
        entry: [
          { id: PAGE_1, standby: [{ sender: {}, timestamp: Date.now(), message: { mid: 'x' } }] },
        ],
      },
      {
        object: 'page',
        entry: [
          {
            id: PAGE_1,
            messaging: [
              {
                sender: { id: psid1(41) },
                timestamp: Date.now(),
                message: { mid: 'q', quick_reply: {} },
              },
            ],
          },
        ],
      },
      {
        object: 'page',
        entry: [
          {
            id: PAGE_1,
            messaging: [{ sender: { id: psid1(41) }, timestamp: Date.now(), postback: 'no' }],
          },
        ],
      },
      { object: 'page', entry: [{ messaging: [] }, 7, null] },
      { object: 'instagram', entry: [] },
    ];

    for (const value of odd) {
      const response = await context.postWebhook(metaJson(value));
      expect(response.status).toBe(200);
    }
    const receipts = await context.strapi.db
      .query(CONTENT_TYPES.webhookReceipt)
      .findMany({ where: { status: 'failed' } });
    expect(receipts).toHaveLength(0);
    expect(await subscriber(PAGE_1, psid1(41))).toBeNull();
  });

  it('counts a photo or sticker from a known person as their activity, and nothing more', async () => {
    const earlier = Date.now() - 30 * 60 * 60 * 1000;
    await context.postWebhook(
      body([
        {
          pageId: PAGE_1,
          messaging: [postback(PAGE_1, psid1(38), 'SUBSCRIBE', 'Subscribe', earlier)],
        },
      ]),
    );
    const now = Date.now();
    const sticker = fromPerson(PAGE_1, psid1(38), now, {
      message: {
        mid: `m_sticker_${now}`,
        attachments: [{ type: 'sticker', payload: { sticker_id: 369239263222822 } }],
      },
    });

    await context.postWebhook(body([{ pageId: PAGE_1, messaging: [sticker] }]));

    const person = await subscriber(PAGE_1, psid1(38));
    expect(new Date(person.lastInteractionAt).getTime()).toBe(now);
    expect(person.status).toBe('subscribed');
  });

  it('skips attachment-only messages and unknown event kinds without creating anyone', async () => {
    const before = await count(CONTENT_TYPES.subscriber);
    await context.postWebhook(fixture('message-attachment-only'));
    await context.postWebhook(fixture('optin-checkbox-user-ref'));
    await context.postWebhook(
      metaJson({
        object: 'page',
        entry: [
          {
            id: PAGE_1,
            messaging: [
              fromPerson(PAGE_1, psid1(37), Date.now(), {
                message: { mid: 'm_img_37', attachments: [{ type: 'image', payload: {} }] },
              }),
            ],
          },
        ],
      }),
    );
    expect(await subscriber(PAGE_1, '7000000000000003')).toMatchObject({ status: 'pending' });
    expect(await subscriber(PAGE_1, psid1(37))).toBeNull();
    expect(await count(CONTENT_TYPES.subscriber)).toBe(before);
  });

  it('handles every entry of a body for two Pages, applying events in timestamp order', async () => {
    // In this body the person on Page 2 says "stop" (later) before "hi" (earlier).
    await context.postWebhook(fixture('batch-two-pages'));

    const onPage2 = await subscriber(PAGE_2, '8000000000000001');
    expect(onPage2).toMatchObject({ pageId: PAGE_2, status: 'unsubscribed' });
    expect(await subscriber(PAGE_1, '7000000000000005')).toMatchObject({
      pageId: PAGE_1,
      status: 'pending',
    });
    expect(await subscriber(PAGE_1, '7000000000000006')).toMatchObject({
      pageId: PAGE_1,
      status: 'pending',
    });
    expect(new Date(onPage2.lastInteractionAt).getTime()).toBe(1767227093000);
  });

  it('lets a later event win over an earlier one that arrives after it', async () => {
    const now = Date.now();
    await context.postWebhook(
      body([
        {
          pageId: PAGE_1,
          messaging: [postback(PAGE_1, psid1(42), 'UNSUBSCRIBE', 'Unsubscribe', now)],
        },
      ]),
    );
    await context.postWebhook(
      body([
        {
          pageId: PAGE_1,
          messaging: [postback(PAGE_1, psid1(42), 'SUBSCRIBE', 'Subscribe', now - 60_000)],
        },
      ]),
    );

    expect(await subscriber(PAGE_1, psid1(42))).toMatchObject({ status: 'unsubscribed' });
    // Both events stay in the ledger: it is a history, not a state.
    expect((await ledger(PAGE_1, psid1(42))).map((row: { action: string }) => row.action)).toEqual([
      'withdrawn',
      'granted',
    ]);
  });

  describe('redelivery', () => {
    it('stores and applies the same body once when Meta sends it again', async () => {
      const raw = body([
        { pageId: PAGE_1, messaging: [postback(PAGE_1, psid1(43), 'SUBSCRIBE', 'Subscribe')] },
      ]);
      const receiptsBefore = await count(CONTENT_TYPES.webhookReceipt);

      for (let attempt = 0; attempt < 3; attempt += 1) {
        expect((await context.postWebhook(raw)).status).toBe(200);
      }

      expect(await count(CONTENT_TYPES.webhookReceipt)).toBe(receiptsBefore + 1);
      expect(await ledger(PAGE_1, psid1(43))).toHaveLength(1);
    });

    it('applies an event once when it comes back in another body', async () => {
      const event = quickReply(PAGE_1, psid1(44), 'SUBSCRIBE', 'Subscribe');
      await context.postWebhook(body([{ pageId: PAGE_1, messaging: [event] }]));
      await context.postWebhook(
        body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(45), 'hi'), event] }]),
      );

      expect(await ledger(PAGE_1, psid1(44))).toHaveLength(1);
      expect(
        await count(CONTENT_TYPES.subscriber, {
          pageId: PAGE_1,
          subjectKey: context.service('subscribers').subjectKey(PAGE_1, psid1(44)),
        }),
      ).toBe(1);
    });

    it('changes nothing more when duplicates arrive concurrently', async () => {
      const subscribe = postback(PAGE_1, psid1(46), 'SUBSCRIBE', 'Subscribe');
      const bodies = [
        body([{ pageId: PAGE_1, messaging: [subscribe] }]),
        body([{ pageId: PAGE_1, messaging: [subscribe] }]),
        body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(47), 'a'), subscribe] }]),
      ];
      const sent = bodies.flatMap((raw) => [raw, raw, raw]);

      const responses = await Promise.all(
        sent.map((raw) => context.postWebhook(raw, { drain: false })),
      );
      await Promise.all([context.drainInbox(), context.drainInbox()]);
      await context.drainInbox();

      expect(responses.every((response) => response.status === 200)).toBe(true);
      expect(await ledger(PAGE_1, psid1(46))).toHaveLength(1);
      expect(await subscriber(PAGE_1, psid1(46))).toMatchObject({ status: 'subscribed' });
      expect(await count(CONTENT_TYPES.webhookReceipt, { status: { $ne: 'processed' } })).toBe(0);
    });
  });

  it('processes a receipt that was stored but never processed (a crash) on the next pass', async () => {
    const raw = body([
      { pageId: PAGE_1, messaging: [postback(PAGE_1, psid1(48), 'SUBSCRIBE', 'Subscribe')] },
    ]);
    const inbox = context.service('inbox');
    const { receiptId } = await inbox.accept(raw, sign(raw));
    // Another instance claimed it and died: its lease has expired.
    await context.strapi.db.query(CONTENT_TYPES.webhookReceipt).update({
      where: { id: receiptId },
      data: { status: 'processing', leaseUntil: Date.now() - 1 },
    });

    await context.drainInbox();

    expect(await subscriber(PAGE_1, psid1(48))).toMatchObject({ status: 'subscribed' });
  });

  it('leaves a receipt alone while another instance holds its lease', async () => {
    const raw = body([
      { pageId: PAGE_1, messaging: [postback(PAGE_1, psid1(49), 'SUBSCRIBE', 'Subscribe')] },
    ]);
    const { receiptId } = await context.service('inbox').accept(raw, sign(raw));
    await context.strapi.db.query(CONTENT_TYPES.webhookReceipt).update({
      where: { id: receiptId },
      data: { status: 'processing', leaseUntil: Date.now() + 60_000 },
    });

    await context.drainInbox();
    expect(await subscriber(PAGE_1, psid1(49))).toBeNull();
  });

  describe('echoes and standby', () => {
    it('does not unsubscribe anyone when a Page admin types "stop" in the inbox', async () => {
      await context.postWebhook(
        body([
          { pageId: PAGE_1, messaging: [postback(PAGE_1, psid1(50), 'SUBSCRIBE', 'Subscribe')] },
        ]),
      );
      const before = await subscriber(PAGE_1, psid1(50));
      const echo = {
        sender: { id: PAGE_1 },
        recipient: { id: psid1(50) },
        timestamp: Date.now() + 1000,
        message: {
          is_echo: true,
          app_id: 263902037430900,
          mid: `m_echo_${Date.now()}`,
          text: 'stop',
        },
      };

      await context.postWebhook(body([{ pageId: PAGE_1, messaging: [echo] }]));

      const after = await subscriber(PAGE_1, psid1(50));
      expect(after.status).toBe('subscribed');
      expect(after.lastInteractionAt).toBe(before.lastInteractionAt);
      expect(await ledger(PAGE_1, psid1(50))).toHaveLength(1);
    });

    it('honours "unsubscribe" seen on standby, and sends no offer there', async () => {
      await context.postWebhook(
        body([
          { pageId: PAGE_1, messaging: [postback(PAGE_1, psid1(51), 'SUBSCRIBE', 'Subscribe')] },
        ]),
      );
      await context.postWebhook(
        body([{ pageId: PAGE_1, standby: [text(PAGE_1, psid1(51), 'unsubscribe')] }]),
      );
      expect(await subscriber(PAGE_1, psid1(51))).toMatchObject({ status: 'unsubscribed' });

      context.graph.reset();
      await context.postWebhook(
        body([{ pageId: PAGE_1, standby: [text(PAGE_1, psid1(52), 'hello')] }]),
      );
      expect(await subscriber(PAGE_1, psid1(52))).toMatchObject({ status: 'pending' });
      expect(context.graph.calls()).toHaveLength(0);
    });
  });

  describe('consent', () => {
    it.each(['STOP', 'Unsubscribe', 'stopp', 'Arrêt', 'darme de baja', 'afmelden'])(
      'opts out on %j',
      async (word) => {
        const psid = psid1(
          60 + ['STOP', 'Unsubscribe', 'stopp', 'Arrêt', 'darme de baja', 'afmelden'].indexOf(word),
        );
        await context.postWebhook(
          body([{ pageId: PAGE_1, messaging: [postback(PAGE_1, psid, 'SUBSCRIBE', 'Subscribe')] }]),
        );
        await context.postWebhook(
          body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid, word)] }]),
        );
        expect(await subscriber(PAGE_1, psid)).toMatchObject({ status: 'unsubscribed' });
        const rows = await ledger(PAGE_1, psid);
        expect(rows[rows.length - 1]).toMatchObject({
          action: 'withdrawn',
          method: 'text-keyword',
        });
      },
    );

    it('confirms an opt-out to someone who never subscribed, and offers Subscribe again on request', async () => {
      await context.postWebhook(
        body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(75), 'hello')] }]),
      );
      context.graph.reset();

      await context.postWebhook(
        body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(75), '🛑 STOP!!')] }]),
      );
      expect(await subscriber(PAGE_1, psid1(75))).toMatchObject({ status: 'unsubscribed' });
      expect(context.graph.sent()[0]?.body).toMatchObject({
        message: { text: expect.stringContaining('unsubscribed') },
      });

      context.graph.reset();
      await context.postWebhook(
        body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(75), 'Subscribe')] }]),
      );
      expect(await subscriber(PAGE_1, psid1(75))).toMatchObject({ status: 'unsubscribed' });
      expect(context.graph.sent()[0]?.body).toMatchObject({
        message: { quick_replies: [{ payload: 'SUBSCRIBE' }] },
      });
    });

    it.each([
      ['Stop…', true, 81],
      ['stop 🛑', true, 82],
      ['ＳＴＯＰ', true, 83],
      ['stop\u200b', true, 84],
      ['please stop', true, 85],
      ['Unsubscribe me, thanks!', true, 86],
      ["don't stop", false, 87],
      ['stop sending me the menu twice', false, 88],
    ])('reads %j as an opt-out: %s', async (words, optsOut, n) => {
      const psid = psid1(n);
      await context.postWebhook(
        body([{ pageId: PAGE_1, messaging: [postback(PAGE_1, psid, 'SUBSCRIBE', 'Subscribe')] }]),
      );
      await context.postWebhook(body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid, words)] }]));
      expect(await subscriber(PAGE_1, psid)).toMatchObject({
        status: optsOut ? 'unsubscribed' : 'subscribed',
      });
    });

    it('takes "STOP NOTIFICATIONS" as an opt-out, in either spelling', async () => {
      for (const [n, status] of [
        [77, 'STOP NOTIFICATIONS'],
        [78, 'STOP_NOTIFICATIONS'],
      ] as const) {
        await context.postWebhook(
          body([
            { pageId: PAGE_1, messaging: [postback(PAGE_1, psid1(n), 'SUBSCRIBE', 'Subscribe')] },
          ]),
        );
        const optin = fromPerson(PAGE_1, psid1(n), Date.now() + 5, {
          optin: {
            type: 'notification_messages',
            payload: 'news',
            notification_messages_status: status,
          },
        });
        await context.postWebhook(body([{ pageId: PAGE_1, messaging: [optin] }]));
        const rows = await ledger(PAGE_1, psid1(n));
        expect(rows[rows.length - 1]).toMatchObject({
          action: 'withdrawn',
          method: 'notification-stop',
        });
        expect(await subscriber(PAGE_1, psid1(n))).toMatchObject({ status: 'unsubscribed' });
      }
    });

    it('lets an opt-out win over a grant with the same timestamp, whatever their order', async () => {
      const at = Date.now();
      await context.postWebhook(
        body([
          {
            pageId: PAGE_1,
            messaging: [postback(PAGE_1, psid1(79), 'SUBSCRIBE', 'Subscribe', at - 1000)],
          },
        ]),
      );
      await context.postWebhook(
        body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(79), 'stop', at)] }]),
      );
      await context.postWebhook(
        body([
          {
            pageId: PAGE_1,
            messaging: [quickReply(PAGE_1, psid1(79), 'SUBSCRIBE', 'Subscribe', at)],
          },
        ]),
      );
      expect(await subscriber(PAGE_1, psid1(79))).toMatchObject({ status: 'unsubscribed' });
    });

    it('does not take writing again as consent after an opt-out', async () => {
      await context.postWebhook(
        body([
          { pageId: PAGE_1, messaging: [postback(PAGE_1, psid1(70), 'SUBSCRIBE', 'Subscribe')] },
        ]),
      );
      await context.postWebhook(
        body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(70), 'stop')] }]),
      );
      await context.postWebhook(
        body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(70), 'hello again')] }]),
      );
      expect(await subscriber(PAGE_1, psid1(70))).toMatchObject({ status: 'unsubscribed' });

      await context.postWebhook(
        body([
          { pageId: PAGE_1, messaging: [quickReply(PAGE_1, psid1(70), 'SUBSCRIBE', 'Subscribe')] },
        ]),
      );
      expect(await subscriber(PAGE_1, psid1(70))).toMatchObject({ status: 'subscribed' });
    });

    it('chains each subject’s ledger rows by hash and proves each by its receipt', async () => {
      const rows = await ledger(PAGE_1, psid1(70));
      expect(rows.map((row: { action: string }) => row.action)).toEqual([
        'granted',
        'withdrawn',
        'granted',
      ]);
      expect(rows[0].previousHash).toBeNull();
      expect(rows[1].previousHash).toBe(rows[0].hash);
      expect(rows[2].previousHash).toBe(rows[1].hash);
      for (const row of rows) {
        await expect(context.service('consentLedger').verify(row)).resolves.toEqual({
          verified: true,
        });
      }
    });

    it('cancels the person’s queued deliveries at once when they opt out', async () => {
      await context.postWebhook(
        body([
          { pageId: PAGE_1, messaging: [postback(PAGE_1, psid1(71), 'SUBSCRIBE', 'Subscribe')] },
        ]),
      );
      const person = await subscriber(PAGE_1, psid1(71));
      const queued = await context.strapi.db.query(CONTENT_TYPES.delivery).create({
        data: {
          broadcastId: 999,
          subscriberId: person.id,
          channel: 'messenger',
          dedupeKey: `999:${person.id}:messenger`,
          status: 'pending',
        },
      });

      await context.postWebhook(
        body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(71), 'stop')] }]),
      );

      const after = await context.strapi.db
        .query(CONTENT_TYPES.delivery)
        .findOne({ where: { id: queued.id } });
      expect(after).toMatchObject({ status: 'skipped', reason: 'unsubscribed' });
    });
  });

  it('keeps a confirmation Graph refused for now, sends it on a later pass, and only once', async () => {
    await context.postWebhook(
      body([
        { pageId: PAGE_1, messaging: [postback(PAGE_1, psid1(74), 'SUBSCRIBE', 'Subscribe')] },
      ]),
    );
    context.graph.reset();
    context.graph.fail(psid1(74), 'error-temporary');
    const stop = body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(74), 'stop')] }]);

    await context.postWebhook(stop);
    expect(context.graph.sent()).toHaveLength(0);
    const queued = await context.strapi.db
      .query(CONTENT_TYPES.outboxMessage)
      .findMany({ where: { status: 'pending' } });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ attempts: 1, lastError: 'temporary-error' });

    // The next pass after the back-off sends it.
    await context.strapi.db
      .query(CONTENT_TYPES.outboxMessage)
      .update({ where: { id: queued[0].id }, data: { nextAttemptTime: Date.now() - 1 } });
    await context.service('outbox').flush();
    await context.postWebhook(stop);
    await context.service('outbox').flush();

    const confirmations = context.graph.sent().filter((call) => call.recipientId === psid1(74));
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0].body).toMatchObject({
      message: { text: expect.stringContaining('unsubscribed') },
    });
  });

  it('keeps the time of the person’s latest interaction, not the latest arrival', async () => {
    const now = Date.now();
    await context.postWebhook(
      body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(72), 'second', now)] }]),
    );
    await context.postWebhook(
      body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(72), 'first', now - 5000)] }]),
    );
    expect(new Date((await subscriber(PAGE_1, psid1(72))).lastInteractionAt).getTime()).toBe(now);
  });

  it('marks deliveries delivered and read up to the watermark', async () => {
    await context.postWebhook(
      body([
        { pageId: PAGE_1, messaging: [postback(PAGE_1, psid1(73), 'SUBSCRIBE', 'Subscribe')] },
      ]),
    );
    const person = await subscriber(PAGE_1, psid1(73));
    const sentAt = new Date(Date.now() - 10_000);
    const delivery = await context.strapi.db.query(CONTENT_TYPES.delivery).create({
      data: {
        broadcastId: 998,
        subscriberId: person.id,
        channel: 'messenger',
        dedupeKey: `998:${person.id}:messenger`,
        status: 'sent',
        sentAt,
      },
    });

    await context.postWebhook(
      body([
        {
          pageId: PAGE_1,
          messaging: [
            fromPerson(PAGE_1, psid1(73), Date.now(), {
              delivery: { watermark: sentAt.getTime() - 1 },
            }),
          ],
        },
      ]),
    );
    expect(
      (
        await context.strapi.db
          .query(CONTENT_TYPES.delivery)
          .findOne({ where: { id: delivery.id } })
      ).deliveredAt,
    ).toBeNull();

    await context.postWebhook(
      body([
        {
          pageId: PAGE_1,
          messaging: [
            fromPerson(PAGE_1, psid1(73), Date.now(), { read: { watermark: Date.now() } }),
          ],
        },
      ]),
    );
    const after = await context.strapi.db
      .query(CONTENT_TYPES.delivery)
      .findOne({ where: { id: delivery.id } });
    expect(after.deliveredAt).not.toBeNull();
    expect(after.readAt).not.toBeNull();
  });

  it('halts every broadcast of a Page on a policy enforcement block, and resumes on unblock', async () => {
    const enforcement = (action: string, timestamp: number) =>
      body([
        {
          pageId: PAGE_2,
          messaging: [
            {
              recipient: { id: PAGE_2 },
              timestamp,
              policy_enforcement: { action, reason: 'Invented reason.' },
            },
          ],
        },
      ]);
    await context.postWebhook(enforcement('block', Date.now()));
    expect(await context.service('pages').state(PAGE_2)).toMatchObject({
      halted: true,
      reason: 'policy-enforcement-block',
    });

    const token = await context.adminToken();
    const refused = await context
      .http()
      .post('/messenger-gdpr/broadcasts')
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'Blocked', text: 'Nothing goes out.', pageId: PAGE_2, send: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/halted/);

    await context.postWebhook(enforcement('unblock', Date.now() + 1));
    expect(await context.service('pages').state(PAGE_2)).toMatchObject({ halted: false });
  });

  it('purges receipts that prove no consent after the retention, and keeps the evidence', async () => {
    const now = Date.now();
    const inbox = context.service('inbox');
    const evidence = await count(CONTENT_TYPES.webhookReceipt, { provesConsent: true });
    expect(evidence).toBeGreaterThan(0);

    await inbox.purgeExpired(now + 8 * 24 * 60 * 60 * 1000);

    expect(
      await count(CONTENT_TYPES.webhookReceipt, { provesConsent: false, status: 'processed' }),
    ).toBe(0);
    // The receipt another instance still holds is not touched.
    expect(await count(CONTENT_TYPES.webhookReceipt, { status: 'processing' })).toBe(1);
    expect(await count(CONTENT_TYPES.webhookReceipt, { provesConsent: true })).toBe(evidence);
    const [row] = await ledger(PAGE_1, psid1(70));
    await expect(context.service('consentLedger').verify(row)).resolves.toEqual({ verified: true });
  });
});
