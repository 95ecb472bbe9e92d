import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import { getService } from '../utils/get-service';
import { createLogger } from '../utils/log';

/**
 * Refuses public requests that did not arrive over HTTPS when `requireHttps` is on (the default
 * in production). Behind a proxy, Strapi's `server.proxy` setting makes `ctx.secure` honour
 * `X-Forwarded-Proto`.
 */
const requireHttps = (
  policyContext: Context,
  _config: unknown,
  { strapi }: { strapi: Core.Strapi },
) => {
  if (!getService(strapi, 'settings').config().requireHttps || policyContext.request.secure) {
    return true;
  }

  createLogger(strapi).warn('public request refused: not HTTPS', {
    path: policyContext.request.path,
  });
  return false;
};

export default requireHttps;
