const path = require('node:path');

// The plugin is the repository root; an absolute path, since Strapi resolves relative ones
// from its own folder first.
const pluginRoot = path.resolve(__dirname, '..', '..', '..');

module.exports = ({ env }) => ({
  'messenger-gdpr': {
    enabled: true,
    resolve: pluginRoot,
    config: {
      optInMode: env('MESSENGER_OPT_IN_MODE', 'explicit'),
      sendRatePerSecond: env.int('MESSENGER_SEND_RATE', 10),
    },
  },
  ...(env('SMTP_PORT')
    ? {
        email: {
          config: {
            provider: 'nodemailer',
            providerOptions: {
              host: env('SMTP_HOST', '127.0.0.1'),
              port: env.int('SMTP_PORT'),
              secure: false,
              ignoreTLS: true,
            },
            settings: {
              defaultFrom: 'privacy@example.test',
              defaultReplyTo: 'privacy@example.test',
            },
          },
        },
      }
    : {}),
});
