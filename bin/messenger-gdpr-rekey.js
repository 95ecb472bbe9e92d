#!/usr/bin/env node
/**
 * Moves every encrypted value of the Messenger GDPR plugin to the newest key of
 * MESSENGER_GDPR_KEYS. Run it in the Strapi project after putting a new key first in the ring:
 *
 *   npx messenger-gdpr-rekey            # the project in the current folder
 *   npx messenger-gdpr-rekey --app-dir path/to/project [--batch 200]
 *
 * Safe to interrupt and to run again: values already on the newest key are skipped.
 */
const path = require('node:path');

const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
};

const main = async () => {
  const appDir = path.resolve(option('--app-dir', process.cwd()));
  const batchSize = Number(option('--batch', '200'));
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error('--batch must be a positive whole number');
  }

  process.env.MESSENGER_GDPR_BACKGROUND = 'off';
  const { createStrapi, compileStrapi } = require(
    require.resolve('@strapi/strapi', { paths: [appDir] }),
  );
  const strapi = await createStrapi(await compileStrapi({ appDir })).load();

  try {
    const rotation = strapi.plugin('messenger-gdpr').service('keyRotation');
    const result = await rotation.reencrypt({
      batchSize,
      onProgress: ({ uid, scanned, reencrypted }) =>
        process.stdout.write(`\r${uid}: ${scanned} rows read, ${reencrypted} values re-encrypted`),
    });
    process.stdout.write('\n');
    console.log(`Done: ${result.reencrypted} values moved to the newest key.`);
    console.log('Values per key now:', JSON.stringify(await rotation.census()));
  } finally {
    await strapi.destroy();
  }
};

main().catch((error) => {
  console.error(`messenger-gdpr-rekey failed: ${error.message}`);
  process.exit(1);
});
