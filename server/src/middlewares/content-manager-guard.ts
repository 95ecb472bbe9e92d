import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

import { LOG_PREFIX, PLUGIN_ID } from '../../../plugin/identity';

const TARGET = `plugin::${PLUGIN_ID}.`;

/**
 * The plugin's types are hidden from the Content Manager, but its API would still serve them
 * to a direct request. Personal data and the consent ledger are only reachable through the
 * plugin's own permission-gated routes, so such requests are refused outright.
 */
export const contentManagerGuard =
  (strapi: Core.Strapi) =>
  async (ctx: Context, next: Next): Promise<void> => {
    if (!ctx.path.startsWith('/content-manager/')) {
      return next();
    }

    let path = ctx.path;
    try {
      path = decodeURIComponent(ctx.path);
    } catch {
      // A malformed escape cannot name our types once decoded; compare the raw path.
    }
    if (!path.includes(TARGET)) {
      return next();
    }

    strapi.log.warn(`${LOG_PREFIX} Content Manager request for a plugin type refused`, {
      method: ctx.method,
    });
    ctx.status = 403;
    ctx.body = {
      data: null,
      error: {
        status: 403,
        name: 'ForbiddenError',
        message:
          'Messenger GDPR data is not editable in the Content Manager: use the Messenger pages of the admin panel.',
        details: {},
      },
    };
  };
