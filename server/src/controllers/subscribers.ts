import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';

import type {
  ListSubscribersResponse,
  SubscriberResponse,
} from '../../../plugin/contracts/subscribers';
import { permissionAction } from '../../../plugin/permissions';
import { listSubscribersQuerySchema } from '../../../plugin/validation';
import { getService } from '../utils/get-service';
import { handled, validationError } from '../utils/http-errors';

interface AdminState {
  user?: { id?: unknown };
  userAbility?: { can: (action: string) => boolean };
}

/** Who is asking, and whether their role lets them see decrypted personal data. */
const viewerOf = (ctx: Context) => {
  const state = ctx.state as AdminState;
  return {
    adminUserId: typeof state.user?.id === 'number' ? state.user.id : null,
    canReadPersonalData:
      state.userAbility?.can(permissionAction('subscribersReadPersonalData')) ?? false,
  };
};

const subscribers = ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    if ('search' in ctx.query) {
      throw new errors.ValidationError(
        'Search terms are personal data: send them in the body of POST /messenger-gdpr/subscribers/search, not in the URL',
        { fields: { search: 'Not allowed in the URL' } },
      );
    }
    const query = listSubscribersQuerySchema.safeParse(ctx.query);
    if (!query.success) {
      throw validationError(query.error);
    }

    const result = await getService(strapi, 'subscriberDirectory').list(query.data, viewerOf(ctx));
    ctx.body = result satisfies ListSubscribersResponse;
  },

  async search(ctx: Context) {
    const query = listSubscribersQuerySchema.safeParse(
      (ctx.request as { body?: unknown }).body ?? {},
    );
    if (!query.success) {
      throw validationError(query.error);
    }

    const viewer = viewerOf(ctx);
    const result = await handled(() =>
      getService(strapi, 'subscriberDirectory').list(query.data, viewer),
    );
    ctx.body = result satisfies ListSubscribersResponse;
  },

  async findOne(ctx: Context) {
    const viewer = viewerOf(ctx);
    const data = await handled(() =>
      getService(strapi, 'subscriberDirectory').detail(ctx.params.documentId, viewer),
    );
    ctx.body = {
      data,
      canReadPersonalData: viewer.canReadPersonalData,
    } satisfies SubscriberResponse;
  },

  async unsubscribe(ctx: Context) {
    const viewer = viewerOf(ctx);
    const data = await handled(() =>
      getService(strapi, 'subscriberDirectory').unsubscribe(ctx.params.documentId, viewer),
    );
    ctx.body = {
      data,
      canReadPersonalData: viewer.canReadPersonalData,
    } satisfies SubscriberResponse;
  },
});

export default subscribers;
