import { CONTENT_TYPES } from '../../plugin/identity';
import { PAGE_1, psid1, TEST_EMAILS, TEST_NAMES } from '../helpers/personal-data';
import { startStrapi, stopStrapi, type TestContext } from '../helpers/strapi';

const UID = CONTENT_TYPES.subscriber;
const ENVELOPE = /^mg1\.k[12]\.[A-Za-z0-9_-]+$/;

/** Personal data is encrypted whichever way it is written, and decrypted on every read. */
describe('field encryption on every path', () => {
  let context: TestContext;

  beforeAll(async () => {
    context = await startStrapi();
  });

  afterAll(async () => {
    await stopStrapi(context);
  });

  const raw = async (id: number) => {
    const { tableName } = context.strapi.db.metadata.get(UID);
    return context.strapi.db.connection(tableName).where({ id }).first();
  };
  const subjectKey = (psid: string) => context.service('subscribers').subjectKey(PAGE_1, psid);
  const emailIndex = (email: string) =>
    context.service('fieldEncryption').blindIndex('email', email.trim().toLowerCase());

  it('encrypts through the Document Service and decrypts what it returns', async () => {
    const created = await context.strapi.documents(UID).create({
      data: {
        pageId: PAGE_1,
        psid: psid1(80),
        subjectKey: subjectKey(psid1(80)),
        email: TEST_EMAILS[0],
        firstName: TEST_NAMES[0],
      } as never,
    });
    expect(created).toMatchObject({
      psid: psid1(80),
      email: TEST_EMAILS[0],
      firstName: TEST_NAMES[0],
    });

    const stored = await raw(created.id as number);
    expect(stored.psid).toMatch(ENVELOPE);
    expect(stored.email).toMatch(ENVELOPE);
    expect(stored.first_name).toMatch(ENVELOPE);
    expect(stored.email_index).toBe(emailIndex(TEST_EMAILS[0]));

    const updated = await context.strapi.documents(UID).update({
      documentId: created.documentId,
      data: { email: `  ${TEST_EMAILS[1].toUpperCase()} ` } as never,
    });
    expect(updated).toMatchObject({ email: `  ${TEST_EMAILS[1].toUpperCase()} ` });
    expect((await raw(created.id as number)).email_index).toBe(emailIndex(TEST_EMAILS[1]));

    const found = await context.strapi
      .documents(UID)
      .findMany({ filters: { emailIndex: emailIndex(TEST_EMAILS[1]) } as never });
    expect(found.map((row) => row.documentId)).toEqual([created.documentId]);
  });

  it('encrypts through the Query Engine, single and bulk', async () => {
    const one = await context.strapi.db.query(UID).create({
      data: {
        pageId: PAGE_1,
        psid: psid1(81),
        subjectKey: subjectKey(psid1(81)),
        lastName: TEST_NAMES[1],
      },
    });
    expect((await raw(one.id)).last_name).toMatch(ENVELOPE);

    await context.strapi.db
      .query(UID)
      .update({ where: { id: one.id }, data: { lastName: TEST_NAMES[2] } });
    expect((await raw(one.id)).last_name).toMatch(ENVELOPE);
    expect((await context.strapi.db.query(UID).findOne({ where: { id: one.id } })).lastName).toBe(
      TEST_NAMES[2],
    );

    const { ids } = await context.strapi.db.query(UID).createMany({
      data: [82, 83].map((n) => ({
        pageId: PAGE_1,
        psid: psid1(n),
        subjectKey: subjectKey(psid1(n)),
      })),
    });
    // MySQL reports the last id only.
    const createdIds = ids.length === 2 ? ids.map(Number) : [Number(ids[0]) - 1, Number(ids[0])];
    for (const id of createdIds) {
      expect((await raw(id)).psid).toMatch(ENVELOPE);
    }

    await context.strapi.db
      .query(UID)
      .updateMany({ where: { id: { $in: createdIds } }, data: { email: TEST_EMAILS[0] } });
    for (const id of createdIds) {
      const stored = await raw(id);
      expect(stored.email).toMatch(ENVELOPE);
      expect(stored.email_index).toBe(emailIndex(TEST_EMAILS[0]));
    }
  });

  it('decrypts lists, and reading never rewrites a stored value', async () => {
    const [first] = await context.strapi.db.query(UID).findMany({
      where: { psidIndex: context.service('fieldEncryption').blindIndex('psid', psid1(81)) },
    });
    const before = await raw(first.id);

    await context.strapi.db.query(UID).findMany({});
    await context.strapi.documents(UID).findMany({});
    await context.strapi.documents(UID).findOne({ documentId: first.documentId });

    expect(await raw(first.id)).toEqual(before);
    const all = await context.strapi.db.query(UID).findMany({});
    expect(all.every((row) => !String(row.psid).startsWith('mg1.'))).toBe(true);
  });

  it('refuses filters on encrypted fields, which would silently match nothing', async () => {
    await expect(
      context.strapi.db.query(UID).findMany({ where: { psid: psid1(81) } }),
    ).rejects.toThrow(/psid is encrypted/);
    await expect(
      context.strapi.db.query(UID).count({ where: { $or: [{ email: { $eq: TEST_EMAILS[0] } }] } }),
    ).rejects.toThrow(/email is encrypted/);
  });

  it('refuses writes it cannot encrypt: a blind index on its own, a value that is not text', async () => {
    const before = await context.strapi.db.query(UID).count();
    await expect(
      context.strapi.db.query(UID).create({
        data: {
          pageId: PAGE_1,
          psid: psid1(84),
          subjectKey: subjectKey(psid1(84)),
          emailIndex: 'x',
        },
      }),
    ).rejects.toThrow(/emailIndex is derived from email/);
    await expect(
      context.strapi.db.query(UID).create({
        data: { pageId: PAGE_1, psid: 7000000000000084, subjectKey: subjectKey(psid1(84)) },
      }),
    ).rejects.toThrow(/psid must be a string/);
    expect(await context.strapi.db.query(UID).count()).toBe(before);
  });

  it('refuses a value encrypted for another field instead of storing it as if it were plaintext', async () => {
    const fromEmail = context.service('fieldEncryption').encrypt(UID, 'email', TEST_EMAILS[0]);
    await expect(
      context.strapi.db
        .query(UID)
        .create({ data: { pageId: PAGE_1, psid: fromEmail, subjectKey: subjectKey('x') } }),
    ).rejects.toThrow(/failed authentication/);
  });

  it('fails authentication on a tampered value instead of returning garbage or ciphertext', async () => {
    const row = await context.strapi.db.query(UID).create({
      data: { pageId: PAGE_1, psid: psid1(85), subjectKey: subjectKey(psid1(85)) },
    });
    const stored = await raw(row.id);
    const tampered = `${stored.psid.slice(0, -3)}${stored.psid.slice(-3) === 'AAA' ? 'BBB' : 'AAA'}`;
    const { tableName } = context.strapi.db.metadata.get(UID);
    await context.strapi.db.connection(tableName).where({ id: row.id }).update({ psid: tampered });

    await expect(
      context.strapi.db.query(UID).findOne({ where: { id: row.id } }),
    ).rejects.toMatchObject({
      name: 'DecryptionError',
      reason: 'authentication',
    });

    await context.strapi.db.connection(tableName).where({ id: row.id }).delete();
  });

  it('keeps subscribers out of the Content Manager: it can neither write nor read them', async () => {
    const token = await context.adminToken();
    const before = await context.strapi.db.query(UID).count();

    const created = await context
      .http()
      .post(`/content-manager/collection-types/${UID}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ pageId: PAGE_1, psid: psid1(86), subjectKey: 'cm' });
    const listed = await context
      .http()
      .get(`/content-manager/collection-types/${UID}`)
      .set('Authorization', `Bearer ${token}`);

    expect(created.status).toBe(403);
    expect(listed.status).toBe(403);
    expect(listed.body.error.message).toMatch(/not editable in the Content Manager/);
    expect(JSON.stringify(listed.body)).not.toMatch(/[78]0{12}\d{2}/);
    expect(await context.strapi.db.query(UID).count()).toBe(before);
  });
});

describe('key rotation', () => {
  let context: TestContext;
  const k1 = `k1:${Buffer.alloc(32, 1).toString('base64')}`;
  const k2 = `k2:${Buffer.alloc(32, 2).toString('base64')}`;

  beforeAll(async () => {
    // The instance starts on the old ring: only k1.
    context = await startStrapi({ MESSENGER_GDPR_KEYS: k1 });
  });

  afterAll(async () => {
    await stopStrapi(context);
  });

  const useRing = (keys: string) => {
    context.strapi.config.set('plugin::messenger-gdpr.keys', keys);
    context.service('settings').reset();
  };

  it('moves 1,000 rows to the newest key, interrupted halfway and run again', async () => {
    const psids = Array.from({ length: 1000 }, (_, n) => `7000000${String(n).padStart(9, '0')}`);
    const subscribers = context.service('subscribers');
    await context.strapi.db.query(UID).createMany({
      data: psids.map((psid) => ({
        pageId: PAGE_1,
        psid,
        subjectKey: subscribers.subjectKey(PAGE_1, psid),
      })),
    });
    const rotation = context.service('keyRotation');
    expect((await rotation.census())[UID]).toEqual({ k1: 1000 });

    useRing(`${k2},${k1}`);
    const interrupted = await rotation.reencrypt({ batchSize: 64, maxValues: 500 });
    expect(interrupted).toMatchObject({ complete: false, reencrypted: 500 });
    expect((await rotation.census())[UID]).toEqual({ k1: 500, k2: 500 });

    // Half-way, everything still reads and every blind index still finds its row.
    const sample = [psids[0], psids[499], psids[500], psids[999]];
    for (const psid of sample) {
      expect(await subscribers.findByPsid(PAGE_1, psid)).toMatchObject({ psid });
    }

    const rerun = await rotation.reencrypt({ batchSize: 64 });
    expect(rerun).toMatchObject({ complete: true, reencrypted: 500 });
    expect((await rotation.census())[UID]).toEqual({ k2: 1000 });

    const all = await context.strapi.db
      .query(UID)
      .findMany({ select: ['psid'], orderBy: { id: 'asc' } });
    expect(all.map((row) => row.psid)).toEqual(psids);

    // Once nothing needs k1, the ring without it still reads every value.
    expect((await rotation.reencrypt()).reencrypted).toBe(0);
    useRing(k2);
    expect(await context.strapi.db.query(UID).count()).toBe(1000);
    const last = await context.strapi.db.query(UID).findOne({ orderBy: { id: 'desc' } });
    expect(last?.psid).toBe(psids[999]);
    useRing(`${k2},${k1}`);
  });
});
