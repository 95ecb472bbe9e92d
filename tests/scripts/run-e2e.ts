/**
 * `npm run test:e2e`: the admin pages in headless Chromium.
 *
 * Builds the plugin and the admin panel (when they changed), starts the Graph API emulator and
 * the host app on free ports and a throwaway SQLite database, creates an admin, replays a
 * conversation through the signed webhook so that there are subscribers, then runs the browser
 * tests of tests/e2e/*.e2e.ts. Screenshots go to tests/e2e/screenshots/. The last line is
 * `e2e: N passed, M failed`; the exit code is non-zero when anything failed.
 *
 *   npm run test:e2e -- --rebuild    builds even what looks up to date
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';

import { type E2eContext, type E2eTest, tests as broadcastTests } from '../e2e/broadcasts.e2e';
import { tests as subscriberTests } from '../e2e/subscribers.e2e';
import type { GraphEmulator } from '../graph-emulator';
import { createRoleUser } from '../helpers/admin-users';
import { type Browser, launchBrowser } from './lib/browser';
import { buildAll } from './lib/build';
import { detail, elapsed, step, timed, UserFacingError } from './lib/console';
import { PEOPLE, replayConversation } from './lib/conversation';
import { adminToken, ensureAdmin, freePort, type Host, startEmulator, startHost } from './lib/host';
import { APP_TMP, ROOT } from './lib/paths';
import { generateSecrets } from './lib/settings';

// In this order: the Subscribers tests read what the Broadcasts tests sent.
const SUITES: E2eTest[] = [...broadcastTests, ...subscriberTests];
const TEST_TIMEOUT_MS = 60_000;
const SCREENSHOTS = path.join(ROOT, 'tests', 'e2e', 'screenshots');

const withTimeout = <T>(work: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};

const main = async (): Promise<number> => {
  const rebuild = process.argv.includes('--rebuild');
  console.log('Admin pages in headless Chromium\n');
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });

  const secrets = generateSecrets();
  const database = `.tmp/e2e-${process.pid}.db`;
  let graph: GraphEmulator | undefined;
  let host: Host | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  let passed = 0;
  let failed = 0;

  try {
    await buildAll({ force: rebuild });
    graph = await startEmulator(await freePort(), secrets, '');
    const port = await freePort();
    host = await timed(`Starting Strapi on 127.0.0.1:${port} (throwaway SQLite)`, () =>
      startHost({ secrets, port, graphUrl: graph!.url, databaseFilename: database }, ''),
    );
    const { strapi, url } = host;
    const login = await ensureAdmin(strapi, 'e2e@example.test', secrets.adminPassword);
    await timed('Replaying a conversation through the signed webhook', () =>
      replayConversation({ strapi, baseUrl: url, appSecret: secrets.appSecret }),
    );
    graph.reset();

    let token: string | undefined;
    const adminGet = async <T>(route: string): Promise<T> => {
      token ??= await adminToken(url, login);
      const response = await fetch(`${url}${route}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!response.ok) {
        throw new Error(`GET ${route} answered HTTP ${response.status}`);
      }
      return (await response.json()) as T;
    };

    browser = await timed('Starting headless Chromium', () => launchBrowser());
    const page: Page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));

    const context: E2eContext = {
      page,
      baseUrl: url,
      graph,
      login,
      createAdmin: (permissions) => createRoleUser(strapi, permissions),
      adminGet,
      psidOf: (label) => PEOPLE.find((entry) => entry.label === label)!.psid,
      screenshot: async (name) => {
        // The admin panel scrolls inside its content column, not the document: the viewport
        // grows to the column's full height for the picture, then shrinks back.
        const height = await page.evaluate(() =>
          Math.max(
            document.documentElement.scrollHeight,
            ...Array.from(document.querySelectorAll('body *'))
              .filter((element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowY))
              .map((element) => element.getBoundingClientRect().top + element.scrollHeight),
          ),
        );
        const viewport = page.viewportSize()!;
        await page.setViewportSize({ ...viewport, height: Math.min(Math.ceil(height), 4000) });
        try {
          await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
        } finally {
          await page.setViewportSize(viewport);
        }
      },
    };

    step('Browser tests');
    for (const test of SUITES) {
      const start = Date.now();
      try {
        await withTimeout(test.run(context), TEST_TIMEOUT_MS, 'the test');
        passed += 1;
        detail(`✔ ${test.name} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed += 1;
        const name = `failure-${passed + failed}`;
        await context.screenshot(name).catch(() => undefined);
        detail(`✖ ${test.name}`);
        detail(`    ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
        detail(`    screenshot: tests/e2e/screenshots/${name}.png`);
      }
    }

    if (pageErrors.length === 0) {
      passed += 1;
      detail('✔ the page raised no uncaught error');
    } else {
      failed += 1;
      detail(`✖ the page raised ${pageErrors.length} uncaught error(s):`);
      pageErrors.forEach((message) => detail(`    ${message.split('\n')[0]}`));
    }
  } catch (error) {
    failed += 1;
    console.error(
      `\n✖ The run stopped: ${error instanceof UserFacingError ? error.message : String(error)}`,
    );
    if (!(error instanceof UserFacingError) && error instanceof Error) {
      console.error(error.stack);
    }
  } finally {
    const blocked = browser?.blocked() ?? [];
    await browser?.close().catch(() => undefined);
    await host?.stop().catch(() => undefined);
    await graph?.close().catch(() => undefined);
    for (const suffix of ['', '-journal', '-wal', '-shm']) {
      rmSync(path.join(APP_TMP, `e2e-${process.pid}.db${suffix}`), { force: true });
    }
    if (blocked.length > 0) {
      step(`The admin panel tried to reach ${blocked.length} URL(s) off 127.0.0.1 (blocked):`);
      [...new Set(blocked.map((url) => new URL(url).origin))].forEach((origin) => detail(origin));
    }
  }

  console.log(`\nScreenshots in tests/e2e/screenshots/. Total time ${elapsed()}.`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
};

// Ctrl-C: no throwaway database is left behind (the browser is stopped by playwright-core).
const interrupt = () => {
  for (const suffix of ['', '-journal', '-wal', '-shm']) {
    rmSync(path.join(APP_TMP, `e2e-${process.pid}.db${suffix}`), { force: true });
  }
  console.log('\ne2e: interrupted');
  process.exit(130);
};
process.once('SIGINT', interrupt);
process.once('SIGTERM', interrupt);

process.chdir(ROOT);
main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
