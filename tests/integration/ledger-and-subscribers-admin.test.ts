import { CONTENT_TYPES } from '../../plugin/identity';
import { tokenForRole } from '../helpers/admin-users';
import { body, postback, text } from '../helpers/messenger';
import { PAGE_1, psid1, TEST_EMAILS } from '../helpers/personal-data';
import { startStrapi, stopStrapi, type TestContext } from '../helpers/strapi';

describe('consent ledger and the subscribers admin', () => {
  let context: TestContext;
  let superAdmin: string;

  beforeAll(async () => {
    context = await startStrapi();
    superAdmin = await context.adminToken();
    await context.postWebhook(
      body([
        {
          pageId: PAGE_1,
          messaging: [
            postback(PAGE_1, psid1(20), 'SUBSCRIBE', 'Subscribe'),
            postback(PAGE_1, psid1(21), 'SUBSCRIBE', 'Subscribe'),
            text(PAGE_1, psid1(22), 'hello'),
          ],
        },
      ]),
    );
  });

  afterAll(async () => {
    await stopStrapi(context);
  });

  const ledgerRows = () =>
    context.strapi.db.query(CONTENT_TYPES.consent).findMany({ orderBy: { id: 'asc' } });
  const subscriber = (psid: string) => context.service('subscribers').findByPsid(PAGE_1, psid);

  describe('the ledger is append-only on every path', () => {
    let before: Array<Record<string, unknown>>;
    let row: { id: number; documentId: string };

    beforeAll(async () => {
      before = await ledgerRows();
      row = before[0] as { id: number; documentId: string };
    });

    afterEach(async () => {
      expect(await ledgerRows()).toEqual(before);
    });

    const consent = () => context.strapi.db.query(CONTENT_TYPES.consent);

    it.each([
      [
        'Query Engine update',
        () => consent().update({ where: { id: row.id }, data: { action: 'withdrawn' } }),
      ],
      [
        'Query Engine updateMany',
        () => consent().updateMany({ where: {}, data: { action: 'withdrawn' } }),
      ],
      ['Query Engine delete', () => consent().delete({ where: { id: row.id } })],
      ['Query Engine deleteMany', () => consent().deleteMany({ where: {} })],
      [
        'Document Service update',
        () =>
          context.strapi
            .documents(CONTENT_TYPES.consent)
            .update({ documentId: row.documentId, data: { action: 'withdrawn' } as never }),
      ],
      [
        'Document Service delete',
        () =>
          context.strapi.documents(CONTENT_TYPES.consent).delete({ documentId: row.documentId }),
      ],
    ])('refuses a change through the %s', async (_path, change) => {
      await expect(change()).rejects.toThrow(/append-only/);
    });

    const entry = (documentId: string, encode = false) =>
      `/content-manager/collection-types/${encode ? encodeURIComponent(CONTENT_TYPES.consent) : CONTENT_TYPES.consent}/${documentId}`;

    it.each([
      ['an update', 'PUT', (documentId: string) => entry(documentId)],
      ['a delete', 'DELETE', (documentId: string) => entry(documentId)],
      ['a bulk delete', 'POST', () => entry('actions/bulkDelete')],
      ['an update with an encoded UID', 'PUT', (documentId: string) => entry(documentId, true)],
    ])('refuses %s through the Content Manager', async (_what, method, path) => {
      const call = context.http()[method.toLowerCase() as 'put' | 'delete' | 'post'];
      const response = await call(path(row.documentId))
        .set('Authorization', `Bearer ${superAdmin}`)
        .send({ action: 'withdrawn', documentIds: [row.documentId] });
      expect(response.status).toBe(403);
    });

    it('offers no admin route that changes or deletes ledger rows', async () => {
      for (const method of ['put', 'delete', 'patch'] as const) {
        const call = context.http()[method];
        const response = await call(`/messenger-gdpr/consents/${row.id}`).set(
          'Authorization',
          `Bearer ${superAdmin}`,
        );
        expect([404, 405]).toContain(response.status);
      }
    });
  });

  describe('subscribers admin routes', () => {
    it('lists subscribers with personal data for an admin allowed to see it, and audits the view', async () => {
      const auditBefore = await context.strapi.db
        .query(CONTENT_TYPES.auditEvent)
        .count({ where: { action: 'subscriber.view-personal-data' } });
      const response = await context
        .http()
        .get('/messenger-gdpr/subscribers')
        .set('Authorization', `Bearer ${superAdmin}`);

      expect(response.status).toBe(200);
      expect(response.body.canReadPersonalData).toBe(true);
      expect(response.body.pagination).toMatchObject({ total: 3, page: 1 });
      expect(
        response.body.data
          .map((item: { personalData: { psid: string } }) => item.personalData.psid)
          .sort(),
      ).toEqual([psid1(20), psid1(21), psid1(22)]);
      const auditAfter = await context.strapi.db
        .query(CONTENT_TYPES.auditEvent)
        .count({ where: { action: 'subscriber.view-personal-data' } });
      expect(auditAfter).toBe(auditBefore + 3);
    });

    it('hides personal data from a role that may read subscribers but not their personal data', async () => {
      const token = await tokenForRole(context.strapi, ['subscribersRead']);
      const response = await context
        .http()
        .get('/messenger-gdpr/subscribers')
        .set('Authorization', `Bearer ${token}`);

      expect(response.status).toBe(200);
      expect(response.body.canReadPersonalData).toBe(false);
      expect(
        response.body.data.every((item: { personalData: unknown }) => item.personalData === null),
      ).toBe(true);
      expect(JSON.stringify(response.body)).not.toMatch(/[78]0{12}\d{2}/);
    });

    it('lists the Pages for a role that reads either broadcasts or subscribers', async () => {
      for (const permissions of [['subscribersRead'], ['broadcastsRead']] as const) {
        const token = await tokenForRole(context.strapi, [...permissions]);
        const response = await context
          .http()
          .get('/messenger-gdpr/pages')
          .set('Authorization', `Bearer ${token}`);
        expect(response.status).toBe(200);
        expect(response.body.data.map((page: { id: string }) => page.id)).toContain(PAGE_1);
      }
    });

    it('lets only a role that may see personal data look someone up by PSID or email', async () => {
      const person = await subscriber(psid1(21));
      const token = await tokenForRole(context.strapi, ['subscribersRead']);
      const search = (term: string) =>
        context
          .http()
          .post('/messenger-gdpr/subscribers/search')
          .send({ search: term })
          .set('Authorization', `Bearer ${token}`);

      const byPsid = await search(psid1(21));
      expect(byPsid.status).toBe(403);
      expect(byPsid.body.error.message).toMatch(/personal data/);
      expect((await search(TEST_EMAILS[1])).status).toBe(403);

      const byReference = await search(`sub_${person.subjectKey.slice(0, 12)}`);
      expect(byReference.status).toBe(200);
      expect(byReference.body.data).toHaveLength(1);
    });

    it('refuses a role without the plugin’s permissions', async () => {
      const token = await tokenForRole(context.strapi, []);
      for (const path of [
        '/messenger-gdpr/subscribers',
        '/messenger-gdpr/broadcasts',
        '/messenger-gdpr/pages',
      ]) {
        expect(
          (await context.http().get(path).set('Authorization', `Bearer ${token}`)).status,
        ).toBe(403);
      }
    });

    it('finds a subscriber by PSID, by email and by reference, through blind indexes', async () => {
      const person = await subscriber(psid1(21));
      await context.strapi.db
        .query(CONTENT_TYPES.subscriber)
        .update({ where: { id: person.id }, data: { email: TEST_EMAILS[1] } });

      const search = async (term: string) =>
        (
          await context
            .http()
            .post('/messenger-gdpr/subscribers/search')
            .send({ search: term })
            .set('Authorization', `Bearer ${superAdmin}`)
        ).body.data.map((item: { documentId: string }) => item.documentId);

      expect(await search(psid1(21))).toEqual([person.documentId]);
      expect(await search(`  ${TEST_EMAILS[1].toUpperCase()} `)).toEqual([person.documentId]);
      expect(await search(`sub_${person.subjectKey.slice(0, 12)}`)).toEqual([person.documentId]);
      expect(await search('7000000000000099')).toEqual([]);
      // Whole values only, references included.
      expect(await search('sub_')).toEqual([]);
      expect(await search(`sub_${person.subjectKey.slice(0, 5)}`)).toEqual([]);
    });

    it('refuses a search term in the URL, where request logs would keep it', async () => {
      const response = await context
        .http()
        .get('/messenger-gdpr/subscribers')
        .query({ search: 'someone' })
        .set('Authorization', `Bearer ${superAdmin}`);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/POST \/messenger-gdpr\/subscribers\/search/);
    });

    it('refuses a malformed query, naming the parameter', async () => {
      const response = await context
        .http()
        .get('/messenger-gdpr/subscribers')
        .query({ status: 'gone', pageSize: 1000 })
        .set('Authorization', `Bearer ${superAdmin}`);
      expect(response.status).toBe(400);
      expect(Object.keys(response.body.error.details.fields).sort()).toEqual([
        'pageSize',
        'status',
      ]);
    });

    it('shows the consent history with each row’s proof verified', async () => {
      const person = await subscriber(psid1(20));
      const response = await context
        .http()
        .get(`/messenger-gdpr/subscribers/${person.documentId}`)
        .set('Authorization', `Bearer ${superAdmin}`);

      expect(response.status).toBe(200);
      expect(response.body.data.consent).toEqual([
        expect.objectContaining({
          action: 'granted',
          method: 'postback',
          evidence: 'signed-receipt',
          proof: { verified: true },
        }),
      ]);
    });

    it('unsubscribes someone on an admin’s word, with a ledger row just like a STOP', async () => {
      const person = await subscriber(psid1(20));
      const token = await tokenForRole(context.strapi, ['subscribersRead', 'subscribersManage']);

      const response = await context
        .http()
        .post(`/messenger-gdpr/subscribers/${person.documentId}/unsubscribe`)
        .set('Authorization', `Bearer ${token}`);

      expect(response.status).toBe(200);
      expect(response.body.data.status).toBe('unsubscribed');
      const rows = response.body.data.consent;
      expect(rows[rows.length - 1]).toMatchObject({
        action: 'withdrawn',
        method: 'admin',
        evidence: 'admin-action',
        previousHash: rows[rows.length - 2].hash,
      });
      expect((await subscriber(psid1(20))).status).toBe('unsubscribed');

      const again = await context
        .http()
        .post(`/messenger-gdpr/subscribers/${person.documentId}/unsubscribe`)
        .set('Authorization', `Bearer ${token}`);
      expect(again.status).toBe(400);
      expect(again.body.error.message).toMatch(/already unsubscribed/);
    });

    it('refuses to unsubscribe for a role that may only read', async () => {
      const person = await subscriber(psid1(21));
      const token = await tokenForRole(context.strapi, ['subscribersRead']);
      const response = await context
        .http()
        .post(`/messenger-gdpr/subscribers/${person.documentId}/unsubscribe`)
        .set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(403);
      expect((await subscriber(psid1(21))).status).toBe('subscribed');
    });

    it('answers 404 for an unknown subscriber', async () => {
      const response = await context
        .http()
        .get('/messenger-gdpr/subscribers/nope')
        .set('Authorization', `Bearer ${superAdmin}`);
      expect(response.status).toBe(404);
      expect(response.body.error.message).toMatch(/No subscriber found for id nope/);
    });
  });
});
