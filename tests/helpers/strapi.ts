import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import type { Core } from '@strapi/strapi';
import request from 'supertest';

import { type GraphEmulator, startGraphEmulator } from '../graph-emulator';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from './database';
import { scanDatabaseForPersonalData } from './leak-scan';
import { APP_SECRET, sign } from './messenger';

export const APP_DIR = path.resolve(__dirname, '..', 'app');

export interface TestContext {
  strapi: Core.Strapi;
  /** The environment before this instance's settings, restored when it stops. */
  savedEnv: NodeJS.ProcessEnv;
  graph: GraphEmulator;
  database: TestDatabase;
  http: () => ReturnType<typeof request>;
  /** Posts a body to the webhook, signed unless told otherwise, and waits for the inbox. */
  postWebhook: (
    raw: string,
    options?: { signature?: string | null; drain?: boolean },
  ) => Promise<request.Response>;
  service: <T = any>(name: string) => T;
  drainInbox: () => Promise<void>;
  runDispatcher: () => Promise<void>;
  adminToken: () => Promise<string>;
}

let adminTokenCache: string | undefined;

/**
 * Boots the real host app with the plugin on a fresh database of its own (SQLite file, or a
 * PostgreSQL/MySQL database when DATABASE_CLIENT says so), pointed at a fresh Graph emulator.
 */
export const startStrapi = async (env: Record<string, string> = {}): Promise<TestContext> => {
  mkdirSync(path.join(APP_DIR, '.tmp', 'logs'), { recursive: true });
  const graph = await startGraphEmulator({
    tokens: { '1000000000000001': 'test-page-token-1', '1000000000000002': 'test-page-token-2' },
  });
  const database = await createTestDatabase();
  const savedEnv = { ...process.env };
  Object.assign(process.env, { MESSENGER_GRAPH_URL: graph.url }, database.env, env);

  const { createStrapi } = await import('@strapi/strapi');
  const strapi = await createStrapi({ appDir: APP_DIR, distDir: APP_DIR }).load();
  await strapi.server.mount();
  adminTokenCache = undefined;

  const service = <T>(name: string) => strapi.plugin('messenger-gdpr').service(name) as T;
  /** Applies every stored body, then sends the bot's replies they queued. */
  const drainInbox = async () => {
    await service<{ drain: () => Promise<void> }>('inbox').drain();
    await service<{ flush: () => Promise<void> }>('outbox').flush();
  };
  const http = () => request(strapi.server.httpServer);

  return {
    strapi,
    savedEnv,
    graph,
    database,
    http,
    service,
    drainInbox,
    runDispatcher: () => service<{ run: () => Promise<void> }>('dispatcher').run(),
    async postWebhook(raw, options = {}) {
      const call = http()
        .post('/api/messenger-gdpr/webhook')
        .set('Content-Type', 'application/json');
      const signature = options.signature === undefined ? sign(raw, APP_SECRET) : options.signature;
      if (signature !== null) {
        call.set('X-Hub-Signature-256', signature);
      }
      const response = await call.send(raw);
      if (options.drain !== false) {
        await drainInbox();
      }
      return response;
    },
    async adminToken() {
      if (adminTokenCache) {
        return adminTokenCache;
      }
      const response = await http().post('/admin/register-admin').send({
        email: 'editor@example.test',
        password: 'Editor-Passw0rd!',
        firstname: 'Test',
        lastname: 'Editor',
      });
      if (response.status !== 200 && response.status !== 201) {
        throw new Error(`Could not create the test admin: HTTP ${response.status}`);
      }
      adminTokenCache = response.body.data.token as string;
      return adminTokenCache;
    },
  };
};

export const stopStrapi = async (context: TestContext | undefined): Promise<void> => {
  if (!context) {
    return;
  }

  // Every test file ends with a scan of every table: no personal value in plaintext at rest.
  const leaks = await scanDatabaseForPersonalData(context.strapi);

  await context.strapi.destroy();
  await context.graph.close();
  await dropTestDatabase(context.database);
  process.env = context.savedEnv;

  if (leaks.length > 0) {
    throw new Error(`Personal data found in plaintext at rest: ${JSON.stringify(leaks)}`);
  }
};

/** Removes what an earlier run left, at the start of a run. */
export const cleanTmp = () => rmSync(path.join(APP_DIR, '.tmp'), { recursive: true, force: true });
