/**
 * The host app's settings for the demo and the browser tests: Strapi's secrets, the plugin's
 * secrets and keys, two invented Pages. All generated at random; the demo keeps its set in
 * tests/app/.tmp/demo-env.json so that a second run can read the data the first one encrypted.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { detail } from './console';
import { APP_DIR } from './paths';

export const PAGES = [
  { id: '1000000000000001', name: 'Corner Bakery' },
  { id: '1000000000000002', name: 'Book Club' },
] as const;

export const ADMIN_EMAIL = 'demo@example.test';

export interface Secrets {
  version: 1;
  appKeys: string[];
  adminJwtSecret: string;
  apiTokenSalt: string;
  transferTokenSalt: string;
  encryptionKey: string;
  jwtSecret: string;
  appSecret: string;
  verifyToken: string;
  /** Page id → access token; the Graph emulator accepts exactly these. */
  pageTokens: Record<string, string>;
  /** The encryption key ring, newest first. */
  keys: Array<{ id: string; key: string }>;
  adminPassword: string;
}

const random = (bytes = 24) => randomBytes(bytes).toString('base64url');

/** Strong, and typable: letters and digits from base64url plus the classes Strapi asks for. */
const password = () => `Demo-${random(12).replace(/[-_]/g, 'x')}-9a`;

export const generateSecrets = (): Secrets => ({
  version: 1,
  appKeys: [random(), random()],
  adminJwtSecret: random(),
  apiTokenSalt: random(),
  transferTokenSalt: random(),
  encryptionKey: random(),
  jwtSecret: random(),
  appSecret: random(16),
  verifyToken: random(16),
  pageTokens: Object.fromEntries(PAGES.map((page) => [page.id, `demo-page-token-${random(12)}`])),
  keys: [{ id: `demo${new Date().getFullYear()}`, key: randomBytes(32).toString('base64') }],
  adminPassword: password(),
});

const isSecrets = (value: unknown): value is Secrets => {
  const secrets = value as Partial<Secrets> | null;
  return (
    secrets?.version === 1 &&
    Array.isArray(secrets.keys) &&
    secrets.keys.length > 0 &&
    typeof secrets.appSecret === 'string' &&
    typeof secrets.adminPassword === 'string' &&
    PAGES.every((page) => typeof secrets.pageTokens?.[page.id] === 'string')
  );
};

/**
 * The demo's settings: read from `file`, or generated and written there (readable by the owner
 * only). A database left without the settings that encrypted it is moved aside, not reused.
 */
export const loadOrCreateSecrets = (file: string, databaseFile: string): Secrets => {
  if (existsSync(file)) {
    const stored: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (isSecrets(stored)) {
      return stored;
    }
    detail(`${path.relative(APP_DIR, file)} is not in the expected shape: starting afresh`);
    renameSync(file, `${file}.invalid-${Date.now()}`);
  }

  if (existsSync(databaseFile)) {
    const aside = `${databaseFile}.orphaned-${Date.now()}`;
    renameSync(databaseFile, aside);
    detail(
      `${path.relative(APP_DIR, databaseFile)} had no settings file (its keys are lost): moved to ${path.relative(APP_DIR, aside)}`,
    );
  }

  const secrets = generateSecrets();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
};

export interface HostOptions {
  secrets: Secrets;
  port: number;
  graphUrl: string;
  /** SQLite file, relative to tests/app (the host's config/database.js resolves it there). */
  databaseFilename: string;
  /** The local SMTP sink that stands in for a mail relay. */
  smtpPort: number;
  logLevel?: string;
}

/**
 * Everything the host app reads from its environment. Set on top of the caller's environment,
 * so a MESSENGER_GRAPH_URL or DATABASE_CLIENT in the shell cannot point the demo elsewhere.
 */
export const hostEnvironment = (options: HostOptions): Record<string, string> => {
  const { secrets } = options;
  const noProxy = [process.env.NO_PROXY, '127.0.0.1', 'localhost'].filter(Boolean).join(',');
  return {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(options.port),
    PUBLIC_URL: `http://127.0.0.1:${options.port}`,
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: options.databaseFilename,
    APP_KEYS: secrets.appKeys.join(','),
    ADMIN_JWT_SECRET: secrets.adminJwtSecret,
    API_TOKEN_SALT: secrets.apiTokenSalt,
    TRANSFER_TOKEN_SALT: secrets.transferTokenSalt,
    ENCRYPTION_KEY: secrets.encryptionKey,
    JWT_SECRET: secrets.jwtSecret,
    MESSENGER_APP_SECRET: secrets.appSecret,
    MESSENGER_VERIFY_TOKEN: secrets.verifyToken,
    MESSENGER_PAGES: JSON.stringify(
      PAGES.map((page) => ({ id: page.id, token: secrets.pageTokens[page.id], name: page.name })),
    ),
    MESSENGER_GRAPH_URL: options.graphUrl,
    MESSENGER_GDPR_KEYS: secrets.keys.map((entry) => `${entry.id}:${entry.key}`).join(','),
    MESSENGER_OPT_IN_MODE: 'explicit',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(options.smtpPort),
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_LOG_LEVEL: options.logLevel ?? process.env.STRAPI_LOG_LEVEL ?? 'warn',
    // The Graph client honours proxy variables; the emulator is always reached directly.
    NO_PROXY: noProxy,
    no_proxy: noProxy,
  };
};
