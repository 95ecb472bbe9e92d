import { readFileSync } from 'node:fs';
import path from 'node:path';

import { CONTENT_TYPES } from '../../plugin/identity';
import { body, text } from '../helpers/messenger';
import { PAGE_1, psid1 } from '../helpers/personal-data';
import { APP_DIR, startStrapi, stopStrapi, type TestContext } from '../helpers/strapi';

/** A host app whose body middleware drops the raw bytes: the plugin must fail closed. */
describe('without the raw request body', () => {
  let context: TestContext;

  beforeAll(async () => {
    context = await startStrapi({ HOST_KEEP_RAW_BODY: 'false' });
  });

  afterAll(async () => {
    await stopStrapi(context);
  });

  it('says so at startup, in one clear log line', async () => {
    const file = path.join(APP_DIR, process.env.STRAPI_LOG_FILE as string);
    const startupLines = () =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.includes('webhooks will be refused'));

    // The file transport writes asynchronously.
    for (let attempt = 0; attempt < 50 && startupLines().length === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(startupLines()[0]).toMatch(/includeUnparsed: true/);
  });

  it('refuses correctly signed webhooks rather than guessing, and stores nothing', async () => {
    const response = await context.postWebhook(
      body([{ pageId: PAGE_1, messaging: [text(PAGE_1, psid1(90), 'hello')] }]),
    );

    expect(response.status).toBe(503);
    expect(await context.strapi.db.query(CONTENT_TYPES.webhookReceipt).count()).toBe(0);
    expect(await context.strapi.db.query(CONTENT_TYPES.subscriber).count()).toBe(0);
  });

  it('still answers the verification handshake, which carries no body', async () => {
    const response = await context.http().get('/api/messenger-gdpr/webhook').query({
      'hub.mode': 'subscribe',
      'hub.verify_token': 'test-verify-token',
      'hub.challenge': '42',
    });
    expect(response.text).toBe('42');
  });
});
