/**
 * Environment of every test worker: Strapi's secrets, the plugin's settings (all invented)
 * and a log file per worker, which the leak scan reads after the run.
 */
const worker = process.env.JEST_WORKER_ID ?? '0';

const defaults: Record<string, string> = {
  NODE_ENV: 'test',
  APP_KEYS: 'test-app-key-1,test-app-key-2',
  ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
  API_TOKEN_SALT: 'test-api-token-salt',
  TRANSFER_TOKEN_SALT: 'test-transfer-token-salt',
  ENCRYPTION_KEY: 'test-encryption-key',
  JWT_SECRET: 'test-jwt-secret',
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_LOG_LEVEL: 'error',
  STRAPI_LOG_FILE: `.tmp/logs/worker-${worker}.log`,
  MESSENGER_APP_SECRET: 'fixture-app-secret',
  MESSENGER_VERIFY_TOKEN: 'test-verify-token',
  MESSENGER_PAGES: '1000000000000001:test-page-token-1,1000000000000002:test-page-token-2',
  // Two invented keys: "k2" is the current one, "k1" the one before it.
  MESSENGER_GDPR_KEYS: `k2:${Buffer.alloc(32, 2).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}`,
  MESSENGER_SEND_RATE: '40',
  PUBLIC_URL: 'http://127.0.0.1:1337',
  // Email goes to a local port where nothing listens, never to a mail server elsewhere.
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: '9',
};

for (const [name, value] of Object.entries(defaults)) {
  process.env[name] ??= value;
}
