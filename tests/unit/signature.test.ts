import { readFileSync } from 'node:fs';
import path from 'node:path';

import { isValidSignature } from '../../server/src/webhook/signature';

const fixtures = path.join(__dirname, '..', 'fixtures', 'messenger');
const SECRET = 'fixture-app-secret';

/** The table of SIGNATURES.md: file → header Meta sent with it. */
const signatures = readFileSync(path.join(fixtures, 'SIGNATURES.md'), 'utf8')
  .split('\n')
  .map((line) => /^\| ([\w-]+\.json) \| (sha256=[0-9a-f]{64}) \|$/.exec(line))
  .filter((match): match is RegExpExecArray => match !== null)
  .map(([, file, header]) => ({ file, header }));

describe('X-Hub-Signature-256', () => {
  it('reads every signature of the fixture table', () => {
    expect(signatures.length).toBeGreaterThanOrEqual(15);
  });

  it.each(signatures)('verifies $file over its exact bytes', ({ file, header }) => {
    const raw = readFileSync(path.join(fixtures, file));
    expect(isValidSignature(raw, header, SECRET)).toBe(true);
  });

  it.each(signatures)(
    'refuses $file once re-serialised, as unicode escapes are lost',
    ({ file, header }) => {
      const raw = readFileSync(path.join(fixtures, file), 'utf8');
      const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw)));
      // Bodies without escapes re-serialise to the same bytes; the others must fail.
      expect(isValidSignature(reserialised, header, SECRET)).toBe(reserialised.toString() === raw);
    },
  );

  it('refuses a missing, malformed, wrong-algorithm or wrong-secret header', () => {
    const { file, header } = signatures[0];
    const raw = readFileSync(path.join(fixtures, file));

    expect(isValidSignature(raw, undefined, SECRET)).toBe(false);
    expect(isValidSignature(raw, '', SECRET)).toBe(false);
    expect(isValidSignature(raw, header.replace('sha256=', 'sha1='), SECRET)).toBe(false);
    expect(isValidSignature(raw, header.slice(0, -2), SECRET)).toBe(false);
    expect(isValidSignature(raw, `${header}00`, SECRET)).toBe(false);
    expect(isValidSignature(raw, header, 'another-secret')).toBe(false);
    expect(isValidSignature(Buffer.concat([raw, Buffer.from(' ')]), header, SECRET)).toBe(false);
  });

  it('accepts upper-case hex digits, as the comparison is on bytes', () => {
    const { file, header } = signatures[0];
    const raw = readFileSync(path.join(fixtures, file));
    expect(isValidSignature(raw, `sha256=${header.slice(7).toUpperCase()}`, SECRET)).toBe(true);
  });
});
