/**
 * The host app in a process of its own, so that the load generator does not share its event
 * loop: boots tests/app with the plugin, listens on 127.0.0.1 (PORT=0: a free port), and
 * answers the bench's questions over the IPC channel. Started by host.ts, never by hand.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import type { Core } from '@strapi/strapi';

import { createProfiler } from './profiler';

const APP_DIR = path.resolve(__dirname, '..', '..', 'tests', 'app');
const PLUGIN_BUNDLE = path.resolve(__dirname, '..', '..', 'dist', 'server');
const RECEIPT = 'plugin::messenger-gdpr.webhook-receipt';

export type HostRequest =
  | { id: number; type: 'receipts' }
  | { id: number; type: 'counts' }
  | { id: number; type: 'api-token' }
  | { id: number; type: 'cpu' }
  | { id: number; type: 'profile-start' }
  | { id: number; type: 'profile-stop'; label: string }
  | { id: number; type: 'stop' };

export type HostMessage =
  | { type: 'ready'; port: number }
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: string };

const send = (message: HostMessage) => process.send?.(message);

const main = async () => {
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi: Core.Strapi = await createStrapi({
    appDir: APP_DIR,
    distDir: APP_DIR,
    serveAdminPanel: false,
  }).load();
  if (process.env.BENCH_SQLITE_WAL === 'true') {
    // The pool holds one SQLite connection: the pragmas stay in force for the whole run.
    await strapi.db.connection.raw('PRAGMA journal_mode = WAL');
    await strapi.db.connection.raw('PRAGMA synchronous = NORMAL');
  }
  await strapi.listen();
  const { port } = strapi.server.httpServer.address() as AddressInfo;

  const profiler = createProfiler(strapi, process.env.BENCH_OUT_DIR ?? '.', PLUGIN_BUNDLE);
  const count = (uid: string, where: Record<string, unknown> = {}) =>
    strapi.db.query(uid as never).count({ where });

  const handlers: Record<HostRequest['type'], (request: HostRequest) => Promise<unknown>> = {
    /** Polled every few ms while the inbox works: one cheap statement, no lifecycles. */
    async receipts() {
      const rows = (await strapi.db
        .connection(strapi.db.metadata.get(RECEIPT).tableName)
        .select('status')
        .count({ n: '*' })
        .groupBy('status')) as Array<{ status: string; n: number | string }>;
      const by = (status: string) => Number(rows.find((row) => row.status === status)?.n ?? 0);
      const total = rows.reduce((sum, row) => sum + Number(row.n), 0);
      return { processed: by('processed'), failed: by('failed'), total };
    },
    async counts() {
      return {
        receipts: await count(RECEIPT),
        events: await count('plugin::messenger-gdpr.webhook-event'),
        subscribers: await count('plugin::messenger-gdpr.subscriber'),
        benchRecords: await count('api::bench-record.bench-record'),
      };
    },
    async 'api-token'() {
      const token = (await strapi.service('admin::api-token').create({
        name: `bench-${Date.now()}`,
        description: 'npm run bench -- webhook: REST create comparison',
        type: 'full-access',
        kind: 'content-api',
        lifespan: null,
      })) as { accessKey: string };
      return token.accessKey;
    },
    /** CPU time this process used so far, in ms. */
    async cpu() {
      const { user, system } = process.cpuUsage();
      return { user: user / 1000, system: system / 1000 };
    },
    'profile-start': () => profiler.start(),
    'profile-stop': (request) => profiler.stop((request as { label: string }).label),
    async stop() {
      await strapi.destroy();
      setImmediate(() => process.exit(0));
      return null;
    },
  };

  process.on('message', (request: HostRequest) => {
    handlers[request.type](request).then(
      (result) => send({ type: 'reply', id: request.id, ok: true, result }),
      (error: unknown) =>
        send({
          type: 'reply',
          id: request.id,
          ok: false,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        }),
    );
  });
  // The bench is gone: nothing else would ever stop this process.
  process.on('disconnect', () => process.exit(1));

  send({ type: 'ready', port });
};

main().catch((error: unknown) => {
  console.error('host app failed to start:', error);
  process.exit(1);
});
