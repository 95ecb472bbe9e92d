import path from 'node:path';

/** The repository root: the plugin package. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
/** The plain Strapi 5 host app that loads the plugin from ROOT. */
export const APP_DIR = path.join(ROOT, 'tests', 'app');
/** Databases, logs and the demo's generated settings; never committed. */
export const APP_TMP = path.join(APP_DIR, '.tmp');
