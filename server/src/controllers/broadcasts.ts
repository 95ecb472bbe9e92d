import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';

import type {
  BroadcastAudienceResponse,
  BroadcastDeliveriesResponse,
  BroadcastResponse,
  ListBroadcastsResponse,
} from '../../../plugin/contracts/broadcasts';
import { broadcastInputSchema } from '../../../plugin/validation';
import { getService } from '../utils/get-service';
import { handled, validationError } from '../utils/http-errors';

const audienceSchema = broadcastInputSchema.pick({ pageId: true }).strict();

const createSchema = broadcastInputSchema.extend({ send: z.boolean().optional() }).strict();

const adminUserId = (ctx: Context): number | null => {
  const id = (ctx.state as { user?: { id?: unknown } }).user?.id;
  return typeof id === 'number' ? id : null;
};

const broadcasts = ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    const data = await getService(strapi, 'broadcasts').list();
    ctx.body = { data } satisfies ListBroadcastsResponse;
  },

  async audience(ctx: Context) {
    const pageId = audienceSchema.safeParse(ctx.query);
    if (!pageId.success) {
      throw validationError(pageId.error);
    }
    const data = await handled(() => getService(strapi, 'broadcasts').audience(pageId.data.pageId));
    ctx.body = { data } satisfies BroadcastAudienceResponse;
  },

  async findOne(ctx: Context) {
    const data = await handled(() => getService(strapi, 'broadcasts').get(ctx.params.documentId));
    ctx.body = { data } satisfies BroadcastResponse;
  },

  async create(ctx: Context) {
    const input = createSchema.safeParse((ctx.request as { body?: unknown }).body ?? {});
    if (!input.success) {
      throw validationError(input.error);
    }

    const { send, ...fields } = input.data;
    const service = getService(strapi, 'broadcasts');
    const created = await handled(() =>
      service.create(fields, adminUserId(ctx), { toSend: send === true }),
    );
    const data = send
      ? await handled(() => service.send(created.documentId, adminUserId(ctx)))
      : created;

    ctx.status = 201;
    ctx.body = { data } satisfies BroadcastResponse;
  },

  async send(ctx: Context) {
    const data = await handled(() =>
      getService(strapi, 'broadcasts').send(ctx.params.documentId, adminUserId(ctx)),
    );
    ctx.status = 202;
    ctx.body = { data } satisfies BroadcastResponse;
  },

  async resume(ctx: Context) {
    const data = await handled(() =>
      getService(strapi, 'broadcasts').resume(ctx.params.documentId, adminUserId(ctx)),
    );
    ctx.status = 202;
    ctx.body = { data } satisfies BroadcastResponse;
  },

  async deliveries(ctx: Context) {
    const data = await handled(() =>
      getService(strapi, 'broadcasts').deliveries(ctx.params.documentId),
    );
    ctx.body = { data } satisfies BroadcastDeliveriesResponse;
  },
});

export default broadcasts;
