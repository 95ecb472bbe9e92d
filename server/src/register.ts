import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from '../../plugin/identity';
import { contentManagerGuard } from './middlewares/content-manager-guard';

type MiddlewareEntry = string | { name?: string };

const REDACT = `plugin::${PLUGIN_ID}.redact-body-errors`;

/**
 * Puts the plugin's error redaction right before `strapi::body` in the app's middleware list.
 * The list is read when Strapi mounts it, after every plugin's register().
 */
const mountBodyErrorRedaction = (strapi: Core.Strapi) => {
  const entries = [...((strapi.config.get('middlewares') ?? []) as MiddlewareEntry[])];
  const nameOf = (entry: MiddlewareEntry) => (typeof entry === 'string' ? entry : entry?.name);
  const body = entries.findIndex((entry) => nameOf(entry) === 'strapi::body');
  if (body < 0 || entries.some((entry) => nameOf(entry) === REDACT)) {
    return;
  }
  entries.splice(body, 0, REDACT);
  strapi.config.set('middlewares', entries);
};

/** Runs before Strapi's own middlewares are mounted, so the guard sees every request first. */
const register = ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.server.use(contentManagerGuard(strapi));
  mountBodyErrorRedaction(strapi);
};

export default register;
