import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from '../../plugin/identity';
import { PERMISSION_LABELS, PERMISSION_UIDS, type PermissionKey } from '../../plugin/permissions';
import { subscribeLifecycles } from './lifecycles';
import { getService } from './utils/get-service';
import { createLogger } from './utils/log';
import { bodyMiddlewareKeepsRawBody } from './utils/raw-body';

const CRON_INBOX = 'messenger-gdpr-inbox';
const CRON_DISPATCH = 'messenger-gdpr-dispatch';
const CRON_PURGE = 'messenger-gdpr-purge';

export const unsubscribers: Array<() => void> = [];

const registerPermissions = async (strapi: Core.Strapi) => {
  const actions = (Object.keys(PERMISSION_UIDS) as PermissionKey[]).map((key) => ({
    section: 'plugins',
    displayName: PERMISSION_LABELS[key],
    uid: PERMISSION_UIDS[key],
    pluginName: PLUGIN_ID,
  }));
  await strapi.service('admin::permission').actionProvider.registerMany(actions);
};

/**
 * Refuses to start on an index key that changed since the data was written: every blind index
 * lookup would miss, and subscribers would be duplicated.
 */
const checkIndexKey = async (strapi: Core.Strapi) => {
  const store = strapi.store({ type: 'plugin', name: PLUGIN_ID });
  const fingerprint = getService(strapi, 'settings').keyRing().indexKeyFingerprint;
  const stored = (await store.get({ key: 'index-key-fingerprint' })) as string | null;

  if (stored === null) {
    await store.set({ key: 'index-key-fingerprint', value: fingerprint });
    return;
  }
  if (stored !== fingerprint) {
    throw new Error(
      'messenger-gdpr: MESSENGER_GDPR_KEYS no longer holds the key that blind indexes were built with (its oldest key). Put that key back at the end of the ring.',
    );
  }
};

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  const log = createLogger(strapi);

  await registerPermissions(strapi);
  await checkIndexKey(strapi);
  unsubscribers.push(...subscribeLifecycles(strapi));

  if (!bodyMiddlewareKeepsRawBody(strapi)) {
    log.error(
      'webhooks will be refused: set { name: "strapi::body", config: { includeUnparsed: true } } in config/middlewares so signatures can be checked over the raw body',
    );
  }

  // Maintenance commands (re-encryption) load Strapi without its background work.
  if (process.env.MESSENGER_GDPR_BACKGROUND === 'off') {
    return;
  }

  strapi.cron.add({
    [CRON_INBOX]: {
      task: async () => {
        await getService(strapi, 'inbox').drain();
        await getService(strapi, 'outbox').flush();
      },
      options: '*/15 * * * * *',
    },
    [CRON_DISPATCH]: {
      task: () => getService(strapi, 'dispatcher').run(),
      options: '*/10 * * * * *',
    },
    [CRON_PURGE]: {
      task: () =>
        getService(strapi, 'inbox')
          .purgeExpired()
          .then(() => undefined),
      options: '0 17 3 * * *',
    },
  });

  // Receipts and broadcasts left behind by a previous process are picked up now.
  getService(strapi, 'inbox').schedule();
  getService(strapi, 'dispatcher').schedule();
};

export const CRON_JOBS = [CRON_INBOX, CRON_DISPATCH, CRON_PURGE];

export default bootstrap;
