import {
  blindIndex,
  decryptValue,
  encryptValue,
  envelopeKeyId,
  isEnvelope,
  normaliseEmail,
} from '../../server/src/crypto/field-cipher';
import { parseKeyRing } from '../../server/src/crypto/key-ring';
import { DecryptionError } from '../../server/src/utils/errors';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const CONTEXT = 'plugin::messenger-gdpr.subscriber#psid';

describe('key ring', () => {
  it('reads ids and keys, newest first, in base64, base64url or hex', () => {
    const ring = parseKeyRing(
      `new:${key(2)},mid:${Buffer.alloc(32, 3).toString('hex')},old:${key(1).replace(/\+/g, '-')}`,
    );
    expect(ring.current.id).toBe('new');
    expect([...ring.byId.keys()]).toEqual(['new', 'mid', 'old']);
  });

  it.each([
    ['', /MESSENGER_GDPR_KEYS is not set/],
    [key(1), /entry 1 has no valid key id/],
    ['k1:short', /key "k1" is not 32 bytes/],
    [`k1:${Buffer.alloc(16).toString('base64')}`, /key "k1" is not 32 bytes/],
    [`k1:${key(1)},k1:${key(2)}`, /appears twice/],
    [`bad id:${key(1)}`, /entry 1 has no valid key id/],
  ])('refuses %j with a message naming the problem', (raw, message) => {
    expect(() => parseKeyRing(raw)).toThrow(message);
  });

  it('never quotes a key in its error messages', () => {
    const secret = `${key(7).slice(0, 40)}`;
    try {
      parseKeyRing(`k1:${secret}`);
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });

  it('keeps the index key when a new key is added in front (rotation)', () => {
    const before = parseKeyRing(`k1:${key(1)}`);
    const after = parseKeyRing(`k2:${key(2)},k1:${key(1)}`);
    expect(after.indexKey.equals(before.indexKey)).toBe(true);
    expect(after.indexKeyFingerprint).toBe(before.indexKeyFingerprint);
    expect(after.indexKey.equals(Buffer.alloc(32, 1))).toBe(false);
  });
});

describe('field cipher', () => {
  const ring = parseKeyRing(`k2:${key(2)},k1:${key(1)}`);

  it('round-trips text, unicode included, with a fresh nonce every time', () => {
    const first = encryptValue(ring, 'Grüße 😀', CONTEXT);
    const second = encryptValue(ring, 'Grüße 😀', CONTEXT);
    expect(first).not.toBe(second);
    expect(isEnvelope(first)).toBe(true);
    expect(envelopeKeyId(first)).toBe('k2');
    expect(decryptValue(ring, first, CONTEXT)).toBe('Grüße 😀');
  });

  it('opens values written with an older key of the ring', () => {
    const old = parseKeyRing(`k1:${key(1)}`);
    const envelope = encryptValue(old, 'value', CONTEXT);
    expect(decryptValue(ring, envelope, CONTEXT)).toBe('value');
  });

  it('refuses a tampered value, another field’s value, a wrong key and an unknown key', () => {
    const envelope = encryptValue(ring, 'Ottilie', CONTEXT);
    const [format, id, body] = envelope.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[20] ^= 1;

    const reasons = [
      () => decryptValue(ring, `${format}.${id}.${flipped.toString('base64url')}`, CONTEXT),
      () => decryptValue(ring, envelope, 'plugin::messenger-gdpr.subscriber#email'),
      () => decryptValue(parseKeyRing(`k2:${key(9)}`), envelope, CONTEXT),
      () => decryptValue(parseKeyRing(`k9:${key(2)}`), envelope, CONTEXT),
      () => decryptValue(ring, 'mg1.k2.AAAA', CONTEXT),
      () => decryptValue(ring, 'plaintext', CONTEXT),
    ].map((attempt) => {
      try {
        attempt();
        return 'opened';
      } catch (error) {
        expect(error).toBeInstanceOf(DecryptionError);
        expect((error as Error).message).not.toContain('Ottilie');
        return (error as DecryptionError).reason;
      }
    });

    expect(reasons).toEqual([
      'authentication',
      'authentication',
      'authentication',
      'unknown-key',
      'malformed',
      'malformed',
    ]);
  });

  it('computes blind indexes that depend on the purpose and on every part', () => {
    expect(blindIndex(ring, 'psid', '7000000000000001')).toBe(
      blindIndex(ring, 'psid', '7000000000000001'),
    );
    expect(blindIndex(ring, 'psid', '7000000000000001')).not.toBe(
      blindIndex(ring, 'email', '7000000000000001'),
    );
    expect(blindIndex(ring, 'subject', '1', '23')).not.toBe(blindIndex(ring, 'subject', '12', '3'));
  });

  it('normalises emails before indexing them', () => {
    expect(normaliseEmail('  Someone@Example.TEST ')).toBe('someone@example.test');
  });
});
