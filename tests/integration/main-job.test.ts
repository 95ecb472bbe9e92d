import { CONTENT_TYPES } from '../../plugin/identity';
import { body, postback, quickReply, text } from '../helpers/messenger';
import { PAGE_1, PAGE_2, psid1, psid2 } from '../helpers/personal-data';
import { startStrapi, stopStrapi, type TestContext } from '../helpers/strapi';

/**
 * The main job end to end: people message a Page through the signed webhook, subscribe or say
 * stop, and an editor's broadcast reaches exactly the subscribed ones through the Graph API.
 */
describe('signed webhook → subscribers → broadcast → Graph', () => {
  let context: TestContext;

  beforeAll(async () => {
    context = await startStrapi();
  });

  afterAll(async () => {
    await stopStrapi(context);
  });

  const count = (uid: string, where: Record<string, unknown> = {}) =>
    context.strapi.db.query(uid).count({ where });

  it('creates a pending subscriber on first contact and offers a Subscribe quick reply', async () => {
    const response = await context.postWebhook(
      body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(11), 'Hello there')] }]),
    );

    expect(response.status).toBe(200);
    const subscriber = await context.service('subscribers').findByPsid(PAGE_1, psid1(11));
    expect(subscriber).toMatchObject({ status: 'pending', pageId: PAGE_1, psid: psid1(11) });

    const offer = context.graph.sent().find((call) => call.recipientId === psid1(11));
    expect(offer?.body).toMatchObject({
      messaging_type: 'RESPONSE',
      message: { quick_replies: [{ content_type: 'text', payload: 'SUBSCRIBE' }] },
    });
    expect(offer?.token).toBe('test-page-token-1');
  });

  it('subscribes on the Subscribe quick reply and writes a ledger row that proves it', async () => {
    await context.postWebhook(
      body([
        { pageId: PAGE_1, messaging: [quickReply(PAGE_1, psid1(11), 'SUBSCRIBE', 'Subscribe')] },
      ]),
    );

    const subscriber = await context.service('subscribers').findByPsid(PAGE_1, psid1(11));
    expect(subscriber.status).toBe('subscribed');

    const [row] = await context.service('consentLedger').history(subscriber.subjectKey);
    expect(row).toMatchObject({
      purpose: 'broadcasts',
      action: 'granted',
      method: 'quick-reply',
      evidence: 'signed-receipt',
    });
    await expect(context.service('consentLedger').verify(row)).resolves.toEqual({ verified: true });
  });

  it('unsubscribes on "stop" and confirms it in Messenger', async () => {
    await context.postWebhook(
      body([
        { pageId: PAGE_1, messaging: [postback(PAGE_1, psid1(12), 'SUBSCRIBE', 'Subscribe')] },
      ]),
    );
    expect((await context.service('subscribers').findByPsid(PAGE_1, psid1(12))).status).toBe(
      'subscribed',
    );
    context.graph.reset();

    await context.postWebhook(
      body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(12), 'Stop!')] }]),
    );

    expect((await context.service('subscribers').findByPsid(PAGE_1, psid1(12))).status).toBe(
      'unsubscribed',
    );
    const confirmation = context.graph.sent().find((call) => call.recipientId === psid1(12));
    expect(confirmation?.body).toMatchObject({
      message: { text: expect.stringContaining('unsubscribed') },
    });
  });

  it('unsubscribes on the UNSUBSCRIBE postback', async () => {
    await context.postWebhook(
      body([
        { pageId: PAGE_1, messaging: [postback(PAGE_1, psid1(13), 'SUBSCRIBE', 'Subscribe')] },
      ]),
    );
    await context.postWebhook(
      body([
        { pageId: PAGE_1, messaging: [postback(PAGE_1, psid1(13), 'UNSUBSCRIBE', 'Unsubscribe')] },
      ]),
    );

    expect((await context.service('subscribers').findByPsid(PAGE_1, psid1(13))).status).toBe(
      'unsubscribed',
    );
  });

  it('sends a broadcast from the admin route to every subscribed person of the Page, and only to them', async () => {
    // Two more subscribed people on Page 1, one on Page 2, one still pending on Page 1.
    await context.postWebhook(
      body([
        {
          pageId: PAGE_1,
          messaging: [
            postback(PAGE_1, psid1(14), 'SUBSCRIBE', 'Subscribe'),
            quickReply(PAGE_1, psid1(15), 'SUBSCRIBE', 'Subscribe'),
            text(PAGE_1, psid1(16), 'just looking'),
          ],
        },
        { pageId: PAGE_2, messaging: [postback(PAGE_2, psid2(14), 'SUBSCRIBE', 'Subscribe')] },
      ]),
    );
    context.graph.reset();

    const token = await context.adminToken();
    const audience = await context
      .http()
      .get('/messenger-gdpr/broadcasts/audience')
      .query({ pageId: PAGE_1 })
      .set('Authorization', `Bearer ${token}`);
    expect(audience.body.data).toEqual({
      pageId: PAGE_1,
      subscribed: 3,
      withinWindow: 3,
      windowHours: 24,
    });

    const created = await context
      .http()
      .post('/messenger-gdpr/broadcasts')
      .set('Authorization', `Bearer ${token}`)
      .send({
        title: 'Winter opening hours',
        text: 'We open at 10:00 from Monday.',
        pageId: PAGE_1,
        send: true,
      });

    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ status: 'sending', counts: { total: 3 } });

    await context.runDispatcher();

    const recipients = context.graph
      .sent()
      .map((call) => call.recipientId)
      .sort();
    expect(recipients).toEqual([psid1(11), psid1(14), psid1(15)]);
    for (const call of context.graph.sent()) {
      expect(call.body).toMatchObject({
        messaging_type: 'UPDATE',
        message: {
          attachment: {
            payload: {
              template_type: 'button',
              text: 'We open at 10:00 from Monday.',
              buttons: [{ type: 'postback', payload: 'UNSUBSCRIBE' }],
            },
          },
        },
      });
    }

    const { documentId } = created.body.data;
    const detail = await context
      .http()
      .get(`/messenger-gdpr/broadcasts/${documentId}`)
      .set('Authorization', `Bearer ${token}`);
    expect(detail.body.data).toMatchObject({
      status: 'completed',
      counts: { total: 3, sent: 3, failed: 0, skipped: 0 },
    });

    const results = await context
      .http()
      .get(`/messenger-gdpr/broadcasts/${documentId}/deliveries`)
      .set('Authorization', `Bearer ${token}`);
    expect(results.body.data).toHaveLength(3);
    expect(results.body.data.every((result: { status: string }) => result.status === 'sent')).toBe(
      true,
    );
    expect(JSON.stringify(results.body)).not.toMatch(/[78]0{12}\d{2}/);
  });

  it('records each recipient’s failure with its reason and Graph code', async () => {
    context.graph.reset();
    context.graph.fail(psid1(14), 'error-user-unavailable');
    context.graph.fail(psid1(15), 'error-outside-window');
    const token = await context.adminToken();

    const created = await context
      .http()
      .post('/messenger-gdpr/broadcasts')
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'Second news', text: 'Second message.', pageId: PAGE_1, send: true });
    await context.runDispatcher();

    const results = await context
      .http()
      .get(`/messenger-gdpr/broadcasts/${created.body.data.documentId}/deliveries`)
      .set('Authorization', `Bearer ${token}`);
    const byStatus = results.body.data.map(
      (result: { status: string; reason: string | null; graphErrorCode: number | null }) => [
        result.status,
        result.reason,
        result.graphErrorCode,
      ],
    );
    expect(byStatus.sort()).toEqual(
      [
        ['failed', 'recipient-unavailable', 551],
        ['sent', null, null],
        ['skipped', 'outside-window', 10],
      ].sort(),
    );
  });

  it('halts on an invalid Page token and carries on where it stopped once an admin resumes it', async () => {
    context.graph.reset();
    context.graph.fail('*', 'error-invalid-token');
    const token = await context.adminToken();
    const created = await context
      .http()
      .post('/messenger-gdpr/broadcasts')
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'Halted then resumed', text: 'Third message.', pageId: PAGE_1, send: true });
    const { documentId } = created.body.data;
    await context.runDispatcher();

    const halted = await context
      .http()
      .get(`/messenger-gdpr/broadcasts/${documentId}`)
      .set('Authorization', `Bearer ${token}`);
    expect(halted.body.data).toMatchObject({
      status: 'halted',
      haltReason: 'invalid-page-token',
      counts: { sent: 0, pending: 3 },
    });
    const refused = await context
      .http()
      .post('/messenger-gdpr/broadcasts')
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'Not while halted', text: 'Nothing.', pageId: PAGE_1, send: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/halted \(invalid-page-token\)/);
    expect(await count(CONTENT_TYPES.broadcast, { title: 'Not while halted' })).toBe(0);

    const resumed = await context
      .http()
      .post(`/messenger-gdpr/broadcasts/${documentId}/resume`)
      .set('Authorization', `Bearer ${token}`);
    expect(resumed.status).toBe(202);
    await context.runDispatcher();

    const done = await context
      .http()
      .get(`/messenger-gdpr/broadcasts/${documentId}`)
      .set('Authorization', `Bearer ${token}`);
    expect(done.body.data).toMatchObject({
      status: 'completed',
      haltReason: null,
      counts: { sent: 3, failed: 0 },
    });
  });

  it('refuses admin routes without an admin session', async () => {
    const response = await context.http().get('/messenger-gdpr/broadcasts');
    expect(response.status).toBe(401);
  });

  it('refuses a broadcast that breaks the message rules, naming the field', async () => {
    const token = await context.adminToken();
    const before = await count(CONTENT_TYPES.broadcast);

    const response = await context
      .http()
      .post('/messenger-gdpr/broadcasts')
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'Too long', text: 'x'.repeat(641), pageId: PAGE_1 });

    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.text).toMatch(/640/);
    expect(await count(CONTENT_TYPES.broadcast)).toBe(before);
  });
});
