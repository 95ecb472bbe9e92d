import type { Context, Next } from 'koa';

import { PLUGIN_ID } from '../../../plugin/identity';

/** The plugin's public routes and its admin routes (a search term may be an email). */
const PREFIXES = [`/api/${PLUGIN_ID}/`, `/${PLUGIN_ID}/`];

/**
 * The body parser attaches the whole raw body to the error it throws on malformed JSON, and
 * Strapi's error middleware logs the error with it. For the plugin's routes (a truncated webhook
 * from Meta carries PSIDs and message text) the body is dropped before that happens.
 * It is mounted just inside `strapi::errors`, right before `strapi::body`.
 */
const redactBodyErrors = () => async (ctx: Context, next: Next) => {
  try {
    await next();
  } catch (error) {
    const ours = PREFIXES.some((prefix) => ctx.path.startsWith(prefix));
    if (ours && error && typeof error === 'object' && 'body' in error) {
      delete (error as { body?: unknown }).body;
    }
    throw error;
  }
};

export default redactBodyErrors;
