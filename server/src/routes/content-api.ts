/**
 * Public routes. Each proves itself by its own signature or token, so Strapi's content-API
 * authentication is off for them; the HTTPS policy refuses plain HTTP in production.
 */
const publicRoute = { auth: false as const, policies: ['plugin::messenger-gdpr.require-https'] };

export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/webhook', handler: 'webhook.verify', config: publicRoute },
    { method: 'POST', path: '/webhook', handler: 'webhook.receive', config: publicRoute },
  ],
};
