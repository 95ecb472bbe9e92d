import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER_FORMAT = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks `X-Hub-Signature-256` against the HMAC-SHA256 of the exact bytes Meta sent, in
 * constant time. Anything but a well-formed header that matches is a refusal.
 */
export const isValidSignature = (
  rawBody: Buffer,
  header: string | undefined,
  appSecret: string,
): boolean => {
  const match = header ? HEADER_FORMAT.exec(header.trim()) : null;
  if (!match) {
    return false;
  }

  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const received = Buffer.from(match[1], 'hex');

  return received.length === expected.length && timingSafeEqual(received, expected);
};

export const signBody = (rawBody: Buffer | string, appSecret: string): string =>
  `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
