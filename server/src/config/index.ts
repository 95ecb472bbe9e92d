import { ConfigurationError } from '../utils/errors';
import { configSchema } from './schema';

type Env = ((key: string, fallback?: string) => string | undefined) & {
  bool: (key: string, fallback?: boolean) => boolean;
};

export default {
  default: ({ env }: { env: Env }) => ({
    appSecret: env('MESSENGER_APP_SECRET'),
    verifyToken: env('MESSENGER_VERIFY_TOKEN'),
    pages: env('MESSENGER_PAGES', ''),
    graphUrl: env('MESSENGER_GRAPH_URL', 'https://graph.facebook.com'),
    graphVersion: 'v25.0',
    graphTimeoutMs: 10_000,
    keys: env('MESSENGER_GDPR_KEYS'),
    publicUrl: env('PUBLIC_URL'),
    optInMode: 'explicit',
    optOutKeywords: [],
    sendRatePerSecond: 10,
    messagingWindowHours: 24,
    receiptRetentionDays: 7,
    profileLookup: false,
    texts: {},
    requireHttps: env('NODE_ENV') === 'production',
  }),

  /** Stops startup with one message that names every faulty setting. */
  validator(config: unknown) {
    const result = configSchema.safeParse(config);
    if (result.success) {
      return;
    }

    const problems = result.error.issues.map((issue) => {
      const path = issue.path.join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    });
    throw new ConfigurationError(
      `messenger-gdpr is not configured correctly:\n  - ${problems.join('\n  - ')}`,
    );
  },
};
