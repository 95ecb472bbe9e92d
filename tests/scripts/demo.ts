/**
 * `npm run demo`: the plugin's main job on this machine, with nothing reaching the internet.
 *
 * Builds the plugin and the host app's admin panel (when they changed), starts the Graph API
 * emulator and the host app on SQLite, creates an admin, replays a conversation with two Pages
 * through the real signed webhook, and prints what the bot answered and what to try next.
 *
 *   npm run demo               keeps running until Ctrl-C
 *   npm run demo -- --once     does everything, checks the outcome, exits (also DEMO_ONCE=1)
 *   npm run demo -- --rebuild  builds even what looks up to date
 *
 * PORT (default 1337) and DEMO_GRAPH_PORT (default 3901) move the two servers. Settings and keys
 * are generated on the first run and kept in tests/app/.tmp/demo-env.json with the database
 * tests/app/.tmp/demo.db; delete both to start afresh.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import type { RecordedCall } from '../graph-emulator';
import { buildAll } from './lib/build';
import { detail, elapsed, fail, step, timed, UserFacingError } from './lib/console';
import {
  describeMessage,
  labelOf,
  pageName,
  PEOPLE,
  replayConversation,
  statuses,
} from './lib/conversation';
import { ensureAdmin, type Host, startEmulator, startHost } from './lib/host';
import { APP_TMP, ROOT } from './lib/paths';
import { ADMIN_EMAIL, loadOrCreateSecrets, PAGES } from './lib/settings';

const args = process.argv.slice(2);
const once = args.includes('--once') || process.env.DEMO_ONCE === '1';
const rebuild = args.includes('--rebuild');

const port = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new UserFacingError(`${name} must be a port number, not "${process.env[name]}".`);
  }
  return value;
};

const DATABASE = '.tmp/demo.db';
const SETTINGS = path.join(APP_TMP, 'demo-env.json');

const describeCall = (call: RecordedCall) =>
  `${pageName(call.pageId)} → ${labelOf(call.recipientId)}: ${describeMessage(call)}${
    call.status === 200 ? '' : `  (refused: HTTP ${call.status})`
  }`;

const printCall = (call: RecordedCall) => detail(describeCall(call));

const main = async () => {
  const appPort = port('PORT', 1337);
  const graphPort = port('DEMO_GRAPH_PORT', 3901);
  const unknown = args.filter((arg) => !['--once', '--rebuild'].includes(arg));
  if (unknown.length > 0) {
    throw new UserFacingError(`Unknown option ${unknown.join(' ')}: use --once or --rebuild.`);
  }

  console.log(`Messenger GDPR demo${once ? ' (--once)' : ''}\n`);
  await buildAll({ force: rebuild });

  const secrets = loadOrCreateSecrets(SETTINGS, path.join(APP_TMP, 'demo.db'));
  // After the secrets: a database whose keys were lost has been moved aside by now.
  const rerun = existsSync(path.join(APP_TMP, 'demo.db'));
  const graph = await timed(`Starting the Graph API emulator on 127.0.0.1:${graphPort}`, () =>
    startEmulator(graphPort, secrets, 'Stop it, or set DEMO_GRAPH_PORT to another port.'),
  );

  let host: Host | undefined;
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      step('Stopping');
      await host?.stop().catch((error) => console.error('Strapi did not stop cleanly:', error));
      await graph.close().catch(() => undefined);
    })());

  try {
    host = await timed(`Starting Strapi on 127.0.0.1:${appPort} (SQLite ${DATABASE})`, () =>
      startHost(
        { secrets, port: appPort, graphUrl: graph.url, databaseFilename: DATABASE },
        'Stop it, or set PORT to another port.',
      ),
    );
    const login = await ensureAdmin(host.strapi, ADMIN_EMAIL, secrets.adminPassword);
    step(`Admin user ${login.created ? 'created' : 'ready'}: ${login.email}`);

    const { strapi, url } = host;
    await timed('Replaying a conversation through the signed webhook', () =>
      replayConversation({
        strapi,
        baseUrl: url,
        appSecret: secrets.appSecret,
        onStep: (conversationStep) => detail(conversationStep.says),
      }),
    );

    const calls = graph.calls();
    console.log(`\nWhat the Graph API emulator received (the bot's replies, in order):`);
    if (rerun) {
      detail('(the database already knows these people from an earlier run: the bot only');
      detail(' answers what changes, here Person C subscribing again and saying stop again)');
    }
    calls.forEach(printCall);

    const checks = await statuses(strapi);
    console.log('\nSubscribers now (Person = an invented PSID):');
    for (const check of checks) {
      detail(
        `${check.person.label} (${check.person.psid})  ${pageName(check.person.pageId).padEnd(13)}  ${
          check.status ?? 'unknown'
        }${check.ok ? '' : `  ✖ expected ${check.person.expected}`}`,
      );
    }
    const wrong = checks.filter((check) => !check.ok);
    const subscribedAtBakery = PEOPLE.filter(
      (entry) => entry.pageId === PAGES[0].id && entry.expected === 'subscribed',
    ).length;

    console.log(`
Ready in ${elapsed()}.

  Admin panel   ${url}/admin
  Login         ${login.email}  /  ${login.password}
  Graph calls   curl -s http://127.0.0.1:${graphPort}/_emulator/calls
`);

    if (once) {
      await shutdown();
      if (wrong.length > 0) {
        throw new UserFacingError(`${wrong.length} subscriber(s) did not end as expected.`);
      }
      console.log('demo: ok');
      process.exit(0);
    }

    console.log(`What to try next:
  1. Open ${url}/admin and log in with the login above.
  2. In the left menu open Messenger: the Broadcasts page.
  3. New broadcast → Page "Corner Bakery", a title and a message → Send now.
     It goes to the ${subscribedAtBakery} people subscribed to Corner Bakery (not to Person C, who
     wrote "stop", nor to Person D, who never tapped Subscribe), each with an Unsubscribe button.
  4. Watch the calls arrive below, or: curl -s http://127.0.0.1:${graphPort}/_emulator/calls

Press Ctrl-C to stop. The data stays in tests/app/${DATABASE} for the next run;
delete tests/app/.tmp/demo.db and tests/app/.tmp/demo-env.json to start afresh.
`);

    // New Send API calls (broadcasts sent from the panel) are shown as they arrive.
    let shown = calls.length;
    const watcher = setInterval(() => {
      const now = graph.calls();
      for (const call of now.slice(shown)) {
        console.log(`Graph API emulator received: ${describeCall(call)}`);
      }
      shown = now.length;
    }, 1000);

    const stop = () => {
      clearInterval(watcher);
      void shutdown().then(() => {
        console.log('Stopped.');
        process.exit(0);
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    await shutdown();
    throw error;
  }
};

process.chdir(ROOT);
main().catch(fail);
