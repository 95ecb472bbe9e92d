/**
 * Starts and stops what the demo and the browser tests run against: the Graph API emulator and
 * the host app (Strapi, in this process) on 127.0.0.1, and the host's first admin user.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

import { type Core, createStrapi } from '@strapi/strapi';

import { type GraphEmulator, startGraphEmulator } from '../../graph-emulator';
import { UserFacingError } from './console';
import { APP_DIR, APP_TMP } from './paths';
import { hostEnvironment, type HostOptions, type Secrets } from './settings';
import { type SmtpSink, startSmtpSink } from './smtp-sink';

/** Resolves when `port` can be bound on 127.0.0.1, rejects with what is wrong otherwise. */
export const checkPortFree = (port: number, what: string, hint: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new UserFacingError(
          error.code === 'EADDRINUSE'
            ? `127.0.0.1:${port} is already in use, so the ${what} cannot start there. Is another demo still running? ${hint}`
            : `The ${what} cannot listen on 127.0.0.1:${port}: ${error.code ?? error.message}.`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });

/** A port the system says is free right now, on 127.0.0.1. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

export const startEmulator = async (
  port: number,
  secrets: Secrets,
  hint: string,
): Promise<GraphEmulator> => {
  await checkPortFree(port, 'Graph API emulator', hint);
  return startGraphEmulator({ port, tokens: secrets.pageTokens });
};

export interface Host {
  strapi: Core.Strapi;
  url: string;
  smtp: SmtpSink;
  stop: () => Promise<void>;
}

/**
 * Boots the host app in this process, with the plugin loaded from the repository root, and
 * listens on 127.0.0.1. The environment it needs is written into process.env first.
 */
export const startHost = async (
  options: Omit<HostOptions, 'smtpPort'>,
  hint: string,
): Promise<Host> => {
  await checkPortFree(options.port, 'Strapi host app', hint);
  mkdirSync(path.join(APP_TMP, 'logs'), { recursive: true });
  const smtp = await startSmtpSink();
  Object.assign(process.env, hostEnvironment({ ...options, smtpPort: smtp.port }));

  // createStrapi() adds SIGINT/SIGTERM listeners that destroy Strapi and exit at once; the demo
  // and the e2e runner stop everything themselves, in order, so those listeners are taken off.
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = signals.map((signal) => process.listeners(signal));
  const strapi = createStrapi({ appDir: APP_DIR, distDir: APP_DIR });
  signals.forEach((signal, index) => {
    for (const listener of process.listeners(signal)) {
      if (!before[index].includes(listener)) {
        process.removeListener(signal, listener);
      }
    }
  });
  try {
    await strapi.load();
  } catch (error) {
    await strapi.destroy().catch(() => undefined);
    await smtp.close();
    throw new UserFacingError(
      `The host app did not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!strapi.plugin('messenger-gdpr')) {
    await strapi.destroy();
    await smtp.close();
    throw new UserFacingError(
      'The host app started without the messenger-gdpr plugin: is dist/server/index.js missing?',
    );
  }
  await strapi.listen();

  let stopped = false;
  return {
    strapi,
    url: `http://127.0.0.1:${options.port}`,
    smtp,
    async stop() {
      if (stopped) {
        return;
      }
      stopped = true;
      await strapi.destroy();
      await smtp.close();
    },
  };
};

export interface AdminLogin {
  email: string;
  password: string;
  created: boolean;
}

/**
 * Makes sure a super admin with this email and password exists: creates it, or sets the
 * password back to the known one (someone may have changed it in the panel), so the login the
 * demo prints always works.
 */
export const ensureAdmin = async (
  strapi: Core.Strapi,
  email: string,
  password: string,
): Promise<AdminLogin> => {
  const users = strapi.service('admin::user') as {
    exists: (where: { email: string }) => Promise<boolean>;
    create: (data: Record<string, unknown>) => Promise<unknown>;
    resetPasswordByEmail: (email: string, password: string) => Promise<void>;
  };
  const roles = strapi.service('admin::role') as { getSuperAdmin: () => Promise<{ id: number }> };

  if (await users.exists({ email })) {
    await users.resetPasswordByEmail(email, password);
    return { email, password, created: false };
  }

  const superAdmin = await roles.getSuperAdmin();
  await users.create({
    email,
    password,
    firstname: 'Demo',
    lastname: 'Editor',
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  return { email, password, created: true };
};

/** Logs in through the admin API, as the panel does, and returns the access token. */
export const adminToken = async (baseUrl: string, login: AdminLogin): Promise<string> => {
  const response = await fetch(`${baseUrl}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: login.email, password: login.password }),
  });
  const body = (await response.json().catch(() => ({}))) as {
    data?: { token?: string; accessToken?: string };
  };
  const token = body.data?.accessToken ?? body.data?.token;
  if (!response.ok || !token) {
    throw new Error(`Admin login failed: HTTP ${response.status}`);
  }
  return token;
};
