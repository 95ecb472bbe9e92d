import type { Core } from '@strapi/strapi';

import { LOG_PREFIX } from '../../../plugin/identity';

type Level = 'debug' | 'info' | 'warn' | 'error';
type Context = Record<string, string | number | boolean | null | undefined>;

/**
 * Logs through Strapi's logger with the plugin prefix. Context holds ids, counts and error
 * names only: never a PSID, a name, an email or message text.
 */
export const createLogger = (strapi: Core.Strapi) => {
  const write = (level: Level, message: string, context?: Context) => {
    const suffix = context
      ? ` ${Object.entries(context)
          .filter(([, value]) => value !== undefined)
          .map(([key, value]) => `${key}=${String(value)}`)
          .join(' ')}`
      : '';
    strapi.log[level](`${LOG_PREFIX} ${message}${suffix}`);
  };

  return {
    debug: (message: string, context?: Context) => write('debug', message, context),
    info: (message: string, context?: Context) => write('info', message, context),
    warn: (message: string, context?: Context) => write('warn', message, context),
    error: (message: string, context?: Context) => write('error', message, context),
  };
};

export type Logger = ReturnType<typeof createLogger>;

/** The name of an error, safe to log: messages of foreign errors may quote input. */
export const errorName = (error: unknown): string =>
  error instanceof Error
    ? `${error.name}${'code' in error ? `(${String(error.code)})` : ''}`
    : 'unknown';
