import { timingSafeEqual } from 'node:crypto';

import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import { getService } from '../utils/get-service';
import { createLogger } from '../utils/log';
import { readRawBody } from '../utils/raw-body';
import { parseWebhookBody } from '../webhook/events';
import { isValidSignature } from '../webhook/signature';

const sameSecret = (received: string, expected: string): boolean => {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
};

const refuse = (ctx: Context, status: number, message: string) => {
  ctx.status = status;
  ctx.body = { error: { status, message } };
};

/** Meta's webhook: the verification handshake and signed event deliveries. */
const webhook = ({ strapi }: { strapi: Core.Strapi }) => {
  const log = createLogger(strapi);

  return {
    verify(ctx: Context) {
      const { verifyToken } = getService(strapi, 'settings').config();
      const mode = ctx.query['hub.mode'];
      const token = ctx.query['hub.verify_token'];
      const challenge = ctx.query['hub.challenge'];

      if (mode !== 'subscribe' || typeof token !== 'string' || !sameSecret(token, verifyToken)) {
        log.warn('webhook verification refused', {
          reason: mode !== 'subscribe' ? 'mode' : 'token',
        });
        return refuse(ctx, 403, 'Verification token or mode does not match');
      }
      if (typeof challenge !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(challenge)) {
        return refuse(ctx, 400, 'hub.challenge is missing or malformed');
      }

      ctx.status = 200;
      ctx.type = 'text/plain';
      ctx.body = challenge;
    },

    async receive(ctx: Context) {
      const raw = readRawBody(ctx);
      if (raw === undefined) {
        if (!ctx.is('application/json')) {
          return refuse(ctx, 415, 'Webhook bodies must be application/json');
        }
        // Without the exact bytes no signature can be checked: refuse rather than guess.
        log.error(
          'webhook refused: the raw body is unavailable; set includeUnparsed on strapi::body',
        );
        return refuse(ctx, 503, 'The server is not configured to verify webhook signatures');
      }

      const { appSecret } = getService(strapi, 'settings').config();
      const signature = ctx.get('x-hub-signature-256');
      if (!isValidSignature(Buffer.from(raw, 'utf8'), signature, appSecret)) {
        log.warn('webhook refused: signature missing or wrong', { present: signature !== '' });
        return refuse(ctx, 403, 'X-Hub-Signature-256 is missing or does not match the body');
      }

      const body = parseWebhookBody(raw);
      if (!body) {
        log.warn('webhook refused: body is not a Messenger webhook envelope');
        return refuse(ctx, 400, 'The body is not a Messenger webhook envelope (object, entry[])');
      }
      if (body.object !== 'page') {
        // Another product's events (Instagram, WhatsApp): acknowledged, not stored.
        log.info('webhook for another object ignored', { object: body.object });
        ctx.status = 200;
        ctx.body = 'EVENT_RECEIVED';
        return;
      }

      const inbox = getService(strapi, 'inbox');
      await inbox.accept(raw, signature);
      inbox.schedule();

      ctx.status = 200;
      ctx.body = 'EVENT_RECEIVED';
    },
  };
};

export default webhook;
