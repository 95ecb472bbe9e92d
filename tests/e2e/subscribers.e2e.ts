/**
 * The Subscribers page in a real browser, after the Broadcasts tests (same browser session, same
 * replayed conversation): at Corner Bakery, Persons A and B are subscribed and received
 * "Weekend opening hours", C unsubscribed by writing "stop", D is pending; E and F are at Book
 * Club. The panel's user is a super admin, so PSIDs are shown and Unsubscribe is offered.
 */
import assert from 'node:assert/strict';

import type { Page } from 'playwright-core';

import { type E2eTest, eventually } from './broadcasts.e2e';

const SUBSCRIBERS_PATH = '/admin/plugins/messenger-gdpr/subscribers';

/** The PSID of each visible row, in order (the PSID column is the second one). */
const visiblePsids = async (page: Page): Promise<string[]> => {
  const rows = page.locator('tbody tr');
  const psids: string[] = [];
  for (let index = 0; index < (await rows.count()); index += 1) {
    psids.push(((await rows.nth(index).locator('td').nth(1).textContent()) ?? '').trim());
  }
  return psids.sort();
};

const openSubscriber = async (page: Page, psid: string) => {
  await page.locator('tbody tr').filter({ hasText: psid }).click();
  await page.getByRole('heading', { name: 'Consent history' }).waitFor();
};

const consentRows = (page: Page) =>
  page.locator('section').filter({ hasText: 'Consent history' }).locator('tbody tr');

export const tests: E2eTest[] = [
  {
    name: 'Subscribers opens from the plugin navigation, and the filters narrow the list',
    async run({ page, psidOf, screenshot }) {
      await page.getByRole('link', { name: 'Subscribers', exact: true }).click();
      await page.getByRole('heading', { name: 'Subscribers', level: 1 }).waitFor();
      assert.match(page.url(), /\/admin\/plugins\/messenger-gdpr\/subscribers$/);
      await page.getByText('6 subscribers found').waitFor();
      await screenshot('11-subscribers-list');

      await page.getByRole('combobox', { name: 'Status', exact: true }).click();
      await page.getByRole('option', { name: 'Subscribed', exact: true }).click();
      await page.getByRole('combobox', { name: 'Page', exact: true }).click();
      await page.getByRole('option', { name: 'Corner Bakery' }).click();
      await page.getByText('2 subscribers found').waitFor();
      assert.deepEqual(await visiblePsids(page), [psidOf('Person A'), psidOf('Person B')].sort());
      assert.match(page.url(), /status=subscribed/);
      await screenshot('12-subscribers-filtered');
    },
  },
  {
    name: 'a search finds a whole PSID only, and the PSID never appears in a URL',
    async run({ page, baseUrl, psidOf, screenshot }) {
      const psid = psidOf('Person D');
      const urls: string[] = [];
      const record = (request: { url: () => string }) => urls.push(request.url());
      page.on('request', record);
      try {
        await page.goto(`${baseUrl}${SUBSCRIBERS_PATH}`);
        const search = page.getByLabel('Search', { exact: true });
        await search.fill(psid);
        await search.press('Enter');
        await page.getByText('1 subscriber found').waitFor();
        assert.deepEqual(await visiblePsids(page), [psid]);
        await screenshot('13-subscribers-search');

        await search.fill(psid.slice(0, 10));
        await search.press('Enter');
        await page.getByText('No subscriber matches').waitFor();
        await screenshot('14-subscribers-search-partial');
      } finally {
        page.off('request', record);
      }

      assert.ok(urls.length > 0, 'no request was seen');
      const leaking = urls.filter((url) => url.includes(psid.slice(0, 10)));
      assert.deepEqual(leaking, [], 'a URL carried the search term');
      assert.ok(!page.url().includes(psid.slice(0, 10)), 'the address bar shows the search term');
    },
  },
  {
    name: 'a subscriber who wrote "stop" shows both consent events, each with a verified proof',
    async run({ page, baseUrl, psidOf, screenshot }) {
      await page.goto(`${baseUrl}${SUBSCRIBERS_PATH}`);
      await openSubscriber(page, psidOf('Person C'));

      const rows = consentRows(page);
      await eventually(async () => assert.equal(await rows.count(), 2));
      assert.match((await rows.nth(0).textContent()) ?? '', /Granted.*Verified/);
      assert.match((await rows.nth(1).textContent()) ?? '', /Withdrawn.*Text keyword.*Verified/);
      assert.equal(
        await page.getByRole('button', { name: 'Unsubscribe' }).isDisabled(),
        true,
        'Unsubscribe is offered for someone already unsubscribed',
      );
      await screenshot('15-subscriber-unsubscribed-by-stop');
    },
  },
  {
    name: 'an admin unsubscribes a person after confirming; the ledger records it as an admin action',
    async run({ page, baseUrl, psidOf, adminGet, screenshot }) {
      const psid = psidOf('Person A');
      await page.goto(`${baseUrl}${SUBSCRIBERS_PATH}`);
      await openSubscriber(page, psid);
      const documentId = page.url().split('/').pop()!;

      // The broadcast the first tests sent reached them.
      await page
        .locator('section')
        .filter({ hasText: 'Recent deliveries' })
        .getByText('Weekend opening hours')
        .waitFor();

      await page.getByRole('button', { name: 'Unsubscribe' }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByText('withdraws their consent to broadcasts').waitFor();
      await screenshot('16-unsubscribe-confirm');
      await dialog.getByRole('button', { name: 'Unsubscribe' }).click();
      await dialog.waitFor({ state: 'hidden' });

      await page.getByText('is unsubscribed. The withdrawal is in the consent ledger.').waitFor();
      const rows = consentRows(page);
      await eventually(async () => {
        const last = (await rows.last().textContent()) ?? '';
        assert.match(last, /Withdrawn.*Admin.*Admin action \(no signed proof\)/);
      });
      assert.equal(await page.getByRole('button', { name: 'Unsubscribe' }).isDisabled(), true);
      await screenshot('17-unsubscribed-by-admin');

      const { data } = await adminGet<{ data: { status: string } }>(
        `/messenger-gdpr/subscribers/${documentId}`,
      );
      assert.equal(data.status, 'unsubscribed');
    },
  },
];
