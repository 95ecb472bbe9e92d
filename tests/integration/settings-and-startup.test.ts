import { createStrapi } from '@strapi/strapi';

import { CONTENT_TYPES } from '../../plugin/identity';
import { createTestDatabase, dropTestDatabase } from '../helpers/database';
import { body, postback, text } from '../helpers/messenger';
import { PAGE_1, psid1, TEST_NAMES } from '../helpers/personal-data';
import { APP_DIR, startStrapi, stopStrapi, type TestContext } from '../helpers/strapi';

describe('settings', () => {
  let context: TestContext;

  beforeAll(async () => {
    context = await startStrapi({ MESSENGER_OPT_IN_MODE: 'conversation' });
  });

  afterAll(async () => {
    await stopStrapi(context);
  });

  const configure = (key: string, value: unknown) => {
    context.strapi.config.set(`plugin::messenger-gdpr.${key}`, value);
    context.service('settings').reset();
  };

  it('subscribes on the first message in "conversation" opt-in mode, with a ledger row', async () => {
    await context.postWebhook(
      body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(30), 'hi')] }]),
    );

    const person = await context.service('subscribers').findByPsid(PAGE_1, psid1(30));
    expect(person.status).toBe('subscribed');
    const [row] = await context.service('consentLedger').history(person.subjectKey);
    expect(row).toMatchObject({ action: 'granted', method: 'conversation-start' });
    expect(context.graph.sent().find((call) => call.recipientId === psid1(30))?.body).toMatchObject(
      {
        message: { text: expect.stringContaining('STOP') },
      },
    );
  });

  it('does not take opening a thread from a link, or a plugin opt-in, as the conversation', async () => {
    const referral = {
      sender: { id: psid1(34) },
      recipient: { id: PAGE_1 },
      timestamp: Date.now(),
      referral: { ref: 'shop-window-qr', source: 'SHORTLINK', type: 'OPEN_THREAD' },
    };
    const optin = {
      sender: { id: psid1(35) },
      recipient: { id: PAGE_1 },
      timestamp: Date.now(),
      optin: { type: 'notification_messages', notification_messages_status: 'STOP_NOTIFICATIONS' },
    };
    await context.postWebhook(body([{ pageId: PAGE_1, messaging: [referral, optin] }]));

    for (const psid of [psid1(34), psid1(35)]) {
      const person = await context.service('subscribers').findByPsid(PAGE_1, psid);
      expect(person?.status).not.toBe('subscribed');
    }
  });

  it('asks Graph for no profile unless the admin enabled it', async () => {
    context.graph.reset();
    await context.postWebhook(
      body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(31), 'hi')] }]),
    );
    expect(context.graph.calls().filter((call) => call.kind === 'profile')).toHaveLength(0);
    expect(await context.service('subscribers').findByPsid(PAGE_1, psid1(31))).toMatchObject({
      firstName: null,
      lastName: null,
    });
  });

  it('stores only the names, encrypted, when profile lookup is enabled', async () => {
    configure('profileLookup', true);
    context.graph.reset();
    try {
      await context.postWebhook(
        body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(32), 'hi')] }]),
      );
    } finally {
      configure('profileLookup', false);
    }

    const [lookup] = context.graph.calls().filter((call) => call.kind === 'profile');
    expect(lookup).toMatchObject({
      recipientId: psid1(32),
      token: 'test-page-token-1',
      body: { fields: ['first_name', 'last_name'] },
    });

    const person = await context.service('subscribers').findByPsid(PAGE_1, psid1(32));
    expect(person).toMatchObject({ firstName: TEST_NAMES[0], lastName: TEST_NAMES[1] });
    const { tableName } = context.strapi.db.metadata.get(CONTENT_TYPES.subscriber);
    const stored = await context.strapi.db.connection(tableName).where({ id: person.id }).first();
    expect(stored.first_name).toMatch(/^mg1\./);
    expect(Object.keys(stored).some((column) => /pic|gender|timezone|locale_/.test(column))).toBe(
      false,
    );
  });

  describe('HTTPS in production', () => {
    const raw = () =>
      body([
        { pageId: PAGE_1, messaging: [postback(PAGE_1, psid1(33), 'SUBSCRIBE', 'Subscribe')] },
      ]);

    afterEach(() => {
      configure('requireHttps', false);
      context.strapi.server.app.proxy = false;
    });

    it('refuses public requests over plain HTTP, and stores nothing', async () => {
      configure('requireHttps', true);
      const receipts = await context.strapi.db.query(CONTENT_TYPES.webhookReceipt).count();

      expect((await context.postWebhook(raw())).status).toBe(403);
      const handshake = await context.http().get('/api/messenger-gdpr/webhook').query({
        'hub.mode': 'subscribe',
        'hub.verify_token': 'test-verify-token',
        'hub.challenge': '5',
      });
      expect(handshake.status).toBe(403);
      expect(await context.strapi.db.query(CONTENT_TYPES.webhookReceipt).count()).toBe(receipts);
    });

    it('accepts HTTPS reported by a trusted proxy, and only when Strapi trusts proxies', async () => {
      configure('requireHttps', true);
      const viaProxy = () =>
        context.http().get('/api/messenger-gdpr/webhook').set('X-Forwarded-Proto', 'https').query({
          'hub.mode': 'subscribe',
          'hub.verify_token': 'test-verify-token',
          'hub.challenge': '6',
        });

      expect((await viaProxy()).status).toBe(403);
      context.strapi.server.app.proxy = true;
      expect((await viaProxy()).status).toBe(200);
    });
  });
});

describe('startup', () => {
  /** Boots the host app with the given environment and returns why it refused to start. */
  const startupError = async (env: Record<string, string>): Promise<string> => {
    const database = await createTestDatabase();
    const saved = { ...process.env };
    Object.assign(process.env, database.env, { MESSENGER_GRAPH_URL: 'http://127.0.0.1:9' }, env);
    let message = 'started';
    let strapi;
    try {
      strapi = createStrapi({ appDir: APP_DIR, distDir: APP_DIR });
      await strapi.load();
    } catch (error) {
      message = (error as Error).message;
    } finally {
      await strapi?.destroy().catch(() => undefined);
      process.env = saved;
      await dropTestDatabase(database);
    }
    return message;
  };

  it.each([
    ['missing', '', /MESSENGER_GDPR_KEYS is not set/],
    ['malformed', 'k1:not-a-key', /MESSENGER_GDPR_KEYS: key "k1" is not 32 bytes/],
    [
      'without ids',
      Buffer.alloc(32, 1).toString('base64'),
      /MESSENGER_GDPR_KEYS: entry 1 has no valid key id/,
    ],
  ])('stops when the key ring is %s, naming the variable', async (_case, keys, message) => {
    expect(await startupError({ MESSENGER_GDPR_KEYS: keys })).toMatch(message);
  });

  it('refuses to start when the key that anchors the blind indexes left the ring', async () => {
    const database = await createTestDatabase();
    const saved = { ...process.env };
    const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
    Object.assign(process.env, database.env, { MESSENGER_GRAPH_URL: 'http://127.0.0.1:9' });

    const boot = async (keys: string) => {
      process.env.MESSENGER_GDPR_KEYS = keys;
      const strapi = createStrapi({ appDir: APP_DIR, distDir: APP_DIR });
      try {
        await strapi.load();
        return 'started';
      } catch (error) {
        return (error as Error).message;
      } finally {
        await strapi.destroy().catch(() => undefined);
      }
    };

    try {
      expect(await boot(`k1:${key(1)}`)).toBe('started');
      // Rotation adds a key in front: the oldest still anchors the indexes.
      expect(await boot(`k2:${key(2)},k1:${key(1)}`)).toBe('started');
      expect(await boot(`k2:${key(2)}`)).toMatch(
        /no longer holds the key that blind indexes were built with/,
      );
    } finally {
      process.env = saved;
      await dropTestDatabase(database);
    }
  });

  it('stops when the app secret is missing, naming the variable', async () => {
    expect(await startupError({ MESSENGER_APP_SECRET: '' })).toMatch(/MESSENGER_APP_SECRET/);
  });

  it('names a malformed Page list', async () => {
    expect(await startupError({ MESSENGER_PAGES: 'not-a-page:token' })).toMatch(
      /pages: entry 1: a Page id is made of digits only/,
    );
  });
});
