/**
 * Debian's Chromium, headless, driven by playwright-core, that can reach 127.0.0.1 and nothing
 * else: other hosts do not resolve, no proxy is used, and every request to another origin is
 * aborted and recorded so the run can report what the admin panel tried to fetch.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { type BrowserContext, chromium } from 'playwright-core';

import { UserFacingError } from './console';

export const CHROMIUM = '/usr/bin/chromium';

export interface Browser {
  context: BrowserContext;
  /** Requests to anything but 127.0.0.1 that were aborted. */
  blocked: () => string[];
  close: () => Promise<void>;
}

const isLocal = (url: string): boolean => {
  try {
    const parsed = new URL(url);
    return (
      ['data:', 'blob:', 'about:'].includes(parsed.protocol) || parsed.hostname === '127.0.0.1'
    );
  } catch {
    return false;
  }
};

export const launchBrowser = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) {
    throw new UserFacingError(
      `${CHROMIUM} is missing. Install Debian's Chromium first: apt-get install -y chromium`,
    );
  }

  const userDataDir = mkdtempSync(path.join(tmpdir(), 'messenger-gdpr-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-proxy-server',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });

  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) {
      return route.continue();
    }
    blocked.push(url);
    return route.abort('blockedbyclient');
  });

  return {
    context,
    blocked: () => [...blocked],
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
};
