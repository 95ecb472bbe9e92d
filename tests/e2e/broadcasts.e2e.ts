/**
 * The Broadcasts pages in a real browser: an editor logs in, opens Messenger, writes a broadcast,
 * confirms who it goes to and sends it; the Graph API emulator shows what each subscriber
 * received, and the broadcast's page what became of each message. Run by
 * tests/scripts/run-e2e.ts, which boots the host app and replays a conversation first: at
 * Corner Bakery, Persons A and B are subscribed, C unsubscribed, D pending; at Book Club, E and F
 * are subscribed. Everyone wrote moments ago, so everyone is inside the messaging window. The
 * tests leave a draft unsent, one failed message to Person B, and Book Club halted (an emulated
 * expired Page token); the Subscribers tests that follow send nothing.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Page } from 'playwright-core';

import type { PermissionKey } from '../../plugin/permissions';
import type { GraphEmulator, RecordedCall } from '../graph-emulator';

export interface E2eContext {
  page: Page;
  baseUrl: string;
  graph: GraphEmulator;
  login: { email: string; password: string };
  /** Creates an admin whose role holds exactly these plugin permissions; returns their login. */
  createAdmin: (permissions: PermissionKey[]) => Promise<{ email: string; password: string }>;
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

const CLOSED = {
  title: 'Sunday: closed for inventory',
  text: 'We are closed this Sunday for our yearly inventory. See you on Monday from 7:00!',
};

const HALTED = {
  title: 'Book Club: reading list',
  text: 'This month: «Middlemarch». Copies at the front desk.',
};

const ENTERED = {
  title: 'Summer menu (Enter pressed in the title)',
  text: 'Iced coffee and lemon tarts are back from Friday.',
};

const openCompose = async (page: Page) => {
  await page.getByRole('button', { name: 'New broadcast' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('heading', { name: 'New broadcast' }).waitFor();
  return dialog;
};

const fillCompose = async (
  page: Page,
  dialog: ReturnType<Page['getByRole']>,
  { title, pageName, text }: { title: string; pageName: string; text: string },
) => {
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByRole('combobox', { name: 'Page' }).click();
  await page.getByRole('option', { name: pageName }).click();
  await dialog.getByLabel('Message').fill(text);
};

/** The confirmation before sending (an alert dialog above the page or the compose form). */
const confirmation = (page: Page) => page.getByRole('alertdialog');

/** Waits for a dialog's opening animation to end, so that a screenshot shows it as people do. */
const settled = (locator: ReturnType<Page['getByRole']>) =>
  locator.evaluate((element) =>
    Promise.all(element.getAnimations({ subtree: true }).map((animation) => animation.finished)),
  );

const logIn = async (page: Page, baseUrl: string, login: { email: string; password: string }) => {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password', { exact: false }).first().fill(login.password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 20_000 });
};

/** Forgets the session (the token lives in a cookie or in local storage, as Strapi chose). */
const logOut = async (page: Page) => {
  await page.context().clearCookies();
  await page.evaluate(() => {
    window.localStorage.clear();
    window.sessionStorage.clear();
  });
};

/** The text of each cell of the row that holds `title`. */
const rowCells = (page: Page, title: string) => {
  const cells = page.getByRole('row').filter({ hasText: title }).locator('td');
  return async (index: number) => ((await cells.nth(index).textContent()) ?? '').trim();
};

export const tests: E2eTest[] = [
  {
    name: 'an editor logs in and opens Messenger → Broadcasts from the menu',
    async run({ page, baseUrl, login, screenshot }) {
      await logIn(page, baseUrl, login);
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
    name: 'an empty message shows the field error, keeps the character count, and sends nothing',
    async run({ page, graph, adminGet, screenshot }) {
      const callsBefore = graph.calls().length;
      const dialog = await openCompose(page);
      await dialog.getByLabel('Title').fill('Nothing to say');
      await dialog.getByRole('button', { name: 'Send now' }).click();

      await dialog.getByText('The message text is empty').waitFor();
      // The count stays under the field next to the error, and no confirmation opened.
      await dialog.getByText('0 of 640 characters').waitFor();
      assert.equal(await confirmation(page).count(), 0, 'a confirmation opened');
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
    name: 'Send now asks first, naming the audience; only confirming sends, to each subscribed person with an Unsubscribe button',
    async run({ page, graph, adminGet, psidOf, screenshot }) {
      const dialog = await openCompose(page);
      await fillCompose(page, dialog, { ...BROADCAST, pageName: 'Corner Bakery' });
      await screenshot('04-compose-filled');
      await dialog.getByRole('button', { name: 'Send now' }).click();

      // The confirmation counts who is subscribed and who wrote within the window.
      const confirm = confirmation(page);
      await confirm
        .getByText(
          '2 subscribed people of Corner Bakery; 2 wrote in the last 24 hours and can receive it now.',
        )
        .waitFor();
      await settled(confirm);
      await screenshot('05-send-confirmation');

      // Until it is confirmed, nothing is stored and nothing leaves; Cancel goes back to the form.
      await sleep(500);
      assert.equal(broadcastCalls(graph, BROADCAST.text).length, 0, 'sent before confirming');
      const before = await adminGet<{ data: unknown[] }>('/messenger-gdpr/broadcasts');
      assert.equal(before.data.length, 0, 'stored before confirming');
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await confirm.waitFor({ state: 'hidden' });
      assert.equal(await dialog.getByLabel('Title').inputValue(), BROADCAST.title);

      await dialog.getByRole('button', { name: 'Send now' }).click();
      await confirm.getByRole('button', { name: 'Send to 2 people' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await confirm.waitFor({ state: 'hidden' });

      // (a) The table lists the broadcast with its recipients, and the sending completes.
      await page.getByRole('row').filter({ hasText: BROADCAST.title }).waitFor();
      const cell = rowCells(page, BROADCAST.title);
      await eventually(async () => {
        assert.equal(await cell(1), 'Corner Bakery', 'page');
        assert.equal(await cell(3), '2', 'recipients');
      });
      await eventually(async () => {
        assert.match(await cell(2), /^Completed$/i, 'status');
        assert.equal(await cell(4), '2', 'sent');
      }, 30_000);
      await screenshot('06-broadcast-sent');

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
    name: 'Enter in the Title saves a draft and sends nothing; a draft shows no recipients yet',
    async run({ page, graph, adminGet }) {
      const callsBefore = graph.calls().length;
      const dialog = await openCompose(page);
      await fillCompose(page, dialog, { ...ENTERED, pageName: 'Corner Bakery' });
      await dialog.getByLabel('Title').press('Enter');
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('Draft saved. Nothing was sent.').waitFor();

      const cell = rowCells(page, ENTERED.title);
      await eventually(async () => assert.match(await cell(2), /^Draft$/i, 'status'));
      for (const index of [3, 4, 5, 6, 7]) {
        assert.equal(await cell(index), '—', `count in column ${index} of a draft`);
      }
      await sleep(500);
      assert.equal(graph.calls().length, callsBefore, 'the Graph API was called');
      assert.equal(await confirmation(page).count(), 0, 'a confirmation opened');
      const { data } = await adminGet<{ data: Array<{ title: string; status: string }> }>(
        '/messenger-gdpr/broadcasts',
      );
      assert.equal(data.find((broadcast) => broadcast.title === ENTERED.title)?.status, 'draft');
    },
  },
  {
    name: 'a saved draft sends nothing until Send in its row is clicked and confirmed, then reaches the other Page',
    async run({ page, graph, psidOf, screenshot }) {
      const dialog = await openCompose(page);
      await fillCompose(page, dialog, { ...DRAFT, pageName: 'Book Club' });
      await dialog.getByRole('button', { name: 'Save draft' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const row = page.getByRole('row').filter({ hasText: DRAFT.title });
      const cell = rowCells(page, DRAFT.title);
      await eventually(async () => {
        assert.equal(await cell(1), 'Book Club', 'page');
        assert.match(await cell(2), /^Draft$/i, 'status');
        assert.equal(await cell(3), '—', 'recipients of a draft');
      });
      await screenshot('07-draft-saved');
      await sleep(500);
      assert.equal(broadcastCalls(graph, DRAFT.text).length, 0, 'a draft was sent');

      // Send sits in the actions column, and asks first.
      await row.getByRole('button', { name: 'Send' }).click();
      const confirm = confirmation(page);
      await confirm
        .getByText('2 subscribed people of Book Club; 2 wrote in the last 24 hours')
        .waitFor();
      await sleep(300);
      assert.equal(broadcastCalls(graph, DRAFT.text).length, 0, 'sent before confirming');
      await confirm.getByRole('button', { name: 'Send to 2 people' }).click();
      await confirm.waitFor({ state: 'hidden' });

      await eventually(async () => {
        assert.match(await cell(2), /^Completed$/i, 'status');
        assert.equal(await cell(3), '2', 'recipients');
        assert.equal(await cell(4), '2', 'sent');
      }, 30_000);
      await screenshot('08-draft-sent');
      assert.deepEqual(
        broadcastCalls(graph, DRAFT.text)
          .map((call) => call.recipientId)
          .sort(),
        [psidOf('Person E'), psidOf('Person F')].sort(),
      );
    },
  },
  {
    name: "a broadcast's page shows each recipient's result by reference, with the reason Messenger refused one",
    async run({ page, graph, psidOf, adminGet, screenshot }) {
      graph.fail(psidOf('Person B'), 'error-user-unavailable');
      const dialog = await openCompose(page);
      await fillCompose(page, dialog, { ...CLOSED, pageName: 'Corner Bakery' });
      await dialog.getByRole('button', { name: 'Send now' }).click();
      await confirmation(page).getByRole('button', { name: 'Send to 2 people' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const cell = rowCells(page, CLOSED.title);
      await eventually(async () => {
        assert.match(await cell(2), /^Completed$/i, 'status');
        assert.equal(await cell(4), '1', 'sent');
        assert.equal(await cell(7), '1', 'failed');
      }, 30_000);

      // A click on the row opens the broadcast.
      await page.getByRole('row').filter({ hasText: CLOSED.title }).locator('td').nth(1).click();
      await page.getByRole('heading', { name: CLOSED.title, level: 1 }).waitFor();
      assert.match(page.url(), /\/admin\/plugins\/messenger-gdpr\/broadcasts\/[^/]+$/);
      const documentId = page.url().split('/').pop()!;
      await page.getByText(CLOSED.text).waitFor();

      const rows = page.locator('section').filter({ hasText: 'Recipients' }).locator('tbody tr');
      await eventually(async () => assert.equal(await rows.count(), 2));
      const { data: results } = await adminGet<{
        data: Array<{ subscriberRef: string; status: string }>;
      }>(`/messenger-gdpr/broadcasts/${documentId}/deliveries`);
      const failedRef = results.find((result) => result.status === 'failed')!.subscriberRef;
      const sentRef = results.find((result) => result.status === 'sent')!.subscriberRef;

      const failedRow = rows.filter({ hasText: failedRef });
      assert.match(
        (await failedRow.textContent()) ?? '',
        /Failed.*Recipient unavailable.*551 \/ 1545041.*1/,
      );
      assert.match((await rows.filter({ hasText: sentRef }).textContent()) ?? '', /Sent/);
      await screenshot('09-broadcast-detail');

      // References only: no PSID on the page.
      const body = (await page.locator('body').textContent()) ?? '';
      for (const label of ['Person A', 'Person B']) {
        assert.ok(!body.includes(psidOf(label)), `the page shows the PSID of ${label}`);
      }

      // The filter narrows the table to the failure.
      await page.getByRole('combobox', { name: 'Show' }).click();
      await page.getByRole('option', { name: 'Failed (1)' }).click();
      await eventually(async () => assert.equal(await rows.count(), 1));
      assert.match((await rows.first().textContent()) ?? '', /Recipient unavailable/);
    },
  },
  {
    name: 'a broadcast halted by a Page-wide refusal says why in words, and what was not sent',
    async run({ page, graph, screenshot }) {
      // An expired Page token: Graph refuses the first message, and the Page stops sending.
      graph.fail('*', 'error-invalid-token');
      await page.getByRole('link', { name: 'Broadcasts', exact: true }).click();
      const dialog = await openCompose(page);
      await fillCompose(page, dialog, { ...HALTED, pageName: 'Book Club' });
      await dialog.getByRole('button', { name: 'Send now' }).click();
      await confirmation(page).getByRole('button', { name: 'Send to 2 people' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const words = 'Messenger refused the Page’s access token: it is invalid or has expired.';
      const cell = rowCells(page, HALTED.title);
      await eventually(async () => {
        assert.match(await cell(2), /^Halted$/i, 'status');
        assert.ok((await cell(0)).includes(words), 'the halt reason in the title cell');
      }, 30_000);

      await page.getByRole('link', { name: HALTED.title }).click();
      await page.getByRole('heading', { name: HALTED.title, level: 1 }).waitFor();
      await page.getByText(words).waitFor();
      const rows = page.locator('section').filter({ hasText: 'Recipients' }).locator('tbody tr');
      await eventually(async () => assert.equal(await rows.count(), 2));
      assert.match((await rows.nth(0).textContent()) ?? '', /Not sent.*Invalid Page token.*190/);
      assert.match((await rows.nth(1).textContent()) ?? '', /Not sent/);
      await screenshot('10a-broadcast-halted');

      // Sending from the Page stays off: the next confirmation says so and offers no Send.
      await page.getByRole('link', { name: 'Broadcasts', exact: true }).click();
      const next = await openCompose(page);
      await fillCompose(page, next, { ...HALTED, pageName: 'Book Club' });
      await next.getByRole('button', { name: 'Send now' }).click();
      const confirm = confirmation(page);
      await confirm.getByText('Sending from Book Club is halted').waitFor();
      assert.equal(
        await confirm.getByRole('button', { name: 'Send', exact: true }).isDisabled(),
        true,
      );
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await next.getByRole('button', { name: 'Cancel' }).click();
      await next.waitFor({ state: 'hidden' });
    },
  },
  {
    name: 'an editor resumes the halted broadcast once the token is fixed, and it carries on',
    async run({ page, graph, screenshot }) {
      const before = graph.sent().length;
      await page.getByRole('link', { name: 'Broadcasts', exact: true }).click();
      await page.getByRole('link', { name: HALTED.title }).first().click();
      await page.getByRole('heading', { name: HALTED.title, level: 1 }).waitFor();

      await page.getByRole('button', { name: 'Resume sending' }).click();
      await page.getByText('Sending resumed where it stopped.').waitFor();
      const rows = page.locator('section').filter({ hasText: 'Recipients' }).locator('tbody tr');
      await eventually(async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        assert.match((await rows.nth(0).textContent()) ?? '', /Sent/);
        assert.match((await rows.nth(1).textContent()) ?? '', /Sent/);
      }, 30_000);
      // The refusal that halted the Page no longer describes the delivery that went out.
      assert.doesNotMatch((await rows.nth(0).textContent()) ?? '', /190/);
      assert.equal(graph.sent().length - before, 2, 'both people of Book Club got it');
      await screenshot('10c-broadcast-resumed');
    },
  },
  {
    name: 'an editor without the send and compose permissions sees neither New broadcast nor Send',
    async run({ page, baseUrl, login, createAdmin, screenshot }) {
      const reader = await createAdmin(['broadcastsRead']);
      await logOut(page);
      try {
        await logIn(page, baseUrl, reader);
        await page.goto(`${baseUrl}/admin/plugins/messenger-gdpr`);
        await page.getByRole('row').filter({ hasText: ENTERED.title }).waitFor();
        assert.match(await rowCells(page, ENTERED.title)(2), /^Draft$/i);
        assert.equal(await page.getByRole('button', { name: 'New broadcast' }).count(), 0);
        assert.equal(await page.getByRole('button', { name: 'Send', exact: true }).count(), 0);
        await screenshot('10b-broadcasts-read-only');

        await page.getByRole('link', { name: ENTERED.title }).click();
        await page.getByRole('heading', { name: ENTERED.title, level: 1 }).waitFor();
        await page.getByText('Recipients are chosen when the broadcast is sent').waitFor();
        assert.equal(await page.getByRole('button', { name: 'Send', exact: true }).count(), 0);
      } finally {
        // The Subscribers tests go on from the plugin's page, as the super admin.
        await logOut(page);
        await logIn(page, baseUrl, login);
        await page.goto(`${baseUrl}/admin/plugins/messenger-gdpr`);
        await page.getByRole('heading', { name: 'Broadcasts', level: 1 }).waitFor();
      }
    },
  },
];
