/**
 * The Broadcasts page in a real browser: an editor logs in, opens Messenger, writes a broadcast
 * and sends it; the Graph API emulator shows what each subscriber received. Run by
 * tests/scripts/run-e2e.ts, which boots the host app and replays a conversation first: at
 * Corner Bakery, Persons A and B are subscribed, C unsubscribed, D pending.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Page } from 'playwright-core';

import type { GraphEmulator, RecordedCall } from '../graph-emulator';

export interface E2eContext {
  page: Page;
  baseUrl: string;
  graph: GraphEmulator;
  login: { email: string; password: string };
  /** Every person of the replayed conversation, by label. */
  psidOf: (label: string) => string;
  /** The admin API, as the panel's logged-in editor. */
  adminGet: <T>(path: string) => Promise<T>;
  screenshot: (name: string) => Promise<void>;
}

export interface E2eTest {
  name: string;
  run: (context: E2eContext) => Promise<void>;
}

/** Polls until `check` stops throwing, then returns its result; rethrows after `timeoutMs`. */
export const eventually = async <T>(
  check: () => T | Promise<T>,
  timeoutMs = 15_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await sleep(250);
    }
  }
};

const broadcastCalls = (graph: GraphEmulator, text: string): RecordedCall[] =>
  graph.sent().filter((call) => {
    const payload = (
      call.body.message as { attachment?: { payload?: { text?: string } } } | undefined
    )?.attachment?.payload;
    return payload?.text === text;
  });

const BROADCAST = {
  title: 'Weekend opening hours',
  text: 'Fresh almond croissants from 7:00 on Saturday and Sunday. Bis bald, à bientôt!',
};

const DRAFT = {
  title: 'Book Club: next meeting',
  text: 'Our next meeting is on Thursday at 19:00. We read «Der Zauberberg» — bring tea!',
};

const openCompose = async (page: Page) => {
  await page.getByRole('button', { name: 'New broadcast' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('heading', { name: 'New broadcast' }).waitFor();
  return dialog;
};

export const tests: E2eTest[] = [
  {
    name: 'an editor logs in and opens Messenger → Broadcasts from the menu',
    async run({ page, baseUrl, login, screenshot }) {
      await page.goto(`${baseUrl}/admin/auth/login`);
      await page.getByLabel('Email').fill(login.email);
      await page.getByLabel('Password', { exact: false }).first().fill(login.password);
      await page.getByRole('button', { name: 'Login' }).click();
      await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 20_000 });
      await screenshot('01-home-after-login');

      await page.getByRole('link', { name: 'Messenger', exact: true }).click();
      await page.getByRole('heading', { name: 'Broadcasts', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'New broadcast' }).waitFor();
      assert.match(page.url(), /\/admin\/plugins\/messenger-gdpr$/);
      await page.getByText('No broadcast yet').waitFor();
      await screenshot('02-broadcasts-empty');
    },
  },
  {
    name: 'an empty message shows the field error and sends nothing',
    async run({ page, graph, adminGet, screenshot }) {
      const callsBefore = graph.calls().length;
      const dialog = await openCompose(page);
      await dialog.getByLabel('Title').fill('Nothing to say');
      await dialog.getByRole('button', { name: 'Send now' }).click();

      await dialog.getByText('The message text is empty').waitFor();
      await screenshot('03-empty-message-error');

      // Nothing went out, and nothing was stored.
      await sleep(500);
      assert.equal(graph.calls().length, callsBefore, 'the Graph API was called');
      const { data } = await adminGet<{ data: unknown[] }>('/messenger-gdpr/broadcasts');
      assert.equal(data.length, 0, 'a broadcast was stored');

      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
    },
  },
  {
    name: 'Send now reaches each subscribed person with an Unsubscribe button, and the table says so',
    async run({ page, graph, psidOf, screenshot }) {
      const dialog = await openCompose(page);
      await dialog.getByLabel('Title').fill(BROADCAST.title);
      await dialog.getByRole('combobox', { name: 'Page' }).click();
      await page.getByRole('option', { name: 'Corner Bakery' }).click();
      await dialog.getByLabel('Message').fill(BROADCAST.text);
      await screenshot('04-compose-filled');
      await dialog.getByRole('button', { name: 'Send now' }).click();
      await dialog.waitFor({ state: 'hidden' });

      // (a) The table lists the broadcast with its recipients, and the sending completes.
      const row = page.getByRole('row').filter({ hasText: BROADCAST.title });
      await row.waitFor();
      const cells = row.locator('td');
      const cell = async (index: number) => ((await cells.nth(index).textContent()) ?? '').trim();
      await eventually(async () => {
        assert.equal(await cell(1), 'Corner Bakery', 'page');
        assert.equal(await cell(3), '2', 'recipients');
      });
      await eventually(async () => {
        assert.match(await cell(2), /^Completed$/i, 'status');
        assert.equal(await cell(4), '2', 'sent');
      }, 30_000);
      await screenshot('05-broadcast-sent');

      // (b) The Graph API received it once for each subscribed person, with the button.
      const calls = await eventually(() => {
        const found = broadcastCalls(graph, BROADCAST.text);
        assert.equal(found.length, 2, `${found.length} broadcast messages sent`);
        return found;
      });
      assert.deepEqual(
        calls.map((call) => call.recipientId).sort(),
        [psidOf('Person A'), psidOf('Person B')].sort(),
      );
      for (const call of calls) {
        assert.equal(call.pageId, '1000000000000001');
        assert.equal(call.body.messaging_type, 'UPDATE');
        assert.deepEqual(
          (
            call.body.message as {
              attachment: { payload: { buttons: Array<{ type: string; payload: string }> } };
            }
          ).attachment.payload.buttons.map(({ type, payload }) => ({ type, payload })),
          [{ type: 'postback', payload: 'UNSUBSCRIBE' }],
        );
      }
    },
  },
  {
    name: 'a saved draft sends nothing until Send is clicked in the table, then reaches the other Page',
    async run({ page, graph, psidOf, screenshot }) {
      const dialog = await openCompose(page);
      await dialog.getByLabel('Title').fill(DRAFT.title);
      await dialog.getByRole('combobox', { name: 'Page' }).click();
      await page.getByRole('option', { name: 'Book Club' }).click();
      await dialog.getByLabel('Message').fill(DRAFT.text);
      await dialog.getByRole('button', { name: 'Save draft' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const row = page.getByRole('row').filter({ hasText: DRAFT.title });
      const cells = row.locator('td');
      const cell = async (index: number) => ((await cells.nth(index).textContent()) ?? '').trim();
      await eventually(async () => {
        assert.equal(await cell(1), 'Book Club', 'page');
        assert.match(await cell(2), /^Draft/i, 'status');
      });
      await screenshot('06-draft-saved');
      await sleep(500);
      assert.equal(broadcastCalls(graph, DRAFT.text).length, 0, 'a draft was sent');

      await row.getByRole('button', { name: 'Send' }).click();
      await eventually(async () => {
        assert.match(await cell(2), /^Completed$/i, 'status');
        assert.equal(await cell(3), '2', 'recipients');
        assert.equal(await cell(4), '2', 'sent');
      }, 30_000);
      await screenshot('07-draft-sent');
      assert.deepEqual(
        broadcastCalls(graph, DRAFT.text)
          .map((call) => call.recipientId)
          .sort(),
        [psidOf('Person E'), psidOf('Person F')].sort(),
      );
    },
  },
];
