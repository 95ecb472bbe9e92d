import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

const UNPARSED = Symbol.for('unparsedBody');

/**
 * The exact request body as koa-body kept it (`includeUnparsed: true` on `strapi::body`).
 * koa-body 6 keeps it under a symbol of the parsed body; version 7 on `ctx.request.rawBody`.
 */
export const readRawBody = (ctx: Context): string | undefined => {
  const request = ctx.request as Context['request'] & { rawBody?: unknown; body?: unknown };
  if (typeof request.rawBody === 'string') {
    return request.rawBody;
  }

  const body = request.body as Record<symbol, unknown> | undefined;
  const unparsed = body && typeof body === 'object' ? body[UNPARSED] : undefined;
  return typeof unparsed === 'string' ? unparsed : undefined;
};

type MiddlewareEntry = string | { name?: string; config?: { includeUnparsed?: boolean } };

/** True when the host app's `strapi::body` middleware keeps the unparsed body. */
export const bodyMiddlewareKeepsRawBody = (strapi: Core.Strapi): boolean => {
  const entries = (strapi.config.get('middlewares') ?? []) as MiddlewareEntry[];
  return entries.some(
    (entry) =>
      typeof entry === 'object' &&
      entry?.name === 'strapi::body' &&
      entry.config?.includeUnparsed === true,
  );
};
