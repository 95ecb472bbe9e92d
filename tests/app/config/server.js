module.exports = ({ env }) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Behind a TLS proxy: trust its X-Forwarded-* headers (Strapi 5 reads server.proxy.koa).
  proxy: { koa: env.bool('SERVER_PROXY', false) },
  app: { keys: env.array('APP_KEYS') },
  // No update checks and no telemetry: nothing leaves this machine.
  logger: {
    updates: { enabled: false },
    startup: { enabled: env.bool('STRAPI_STARTUP_MESSAGE', false) },
  },
});
