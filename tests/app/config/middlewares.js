// The Messenger plugin checks webhook signatures over the exact bytes received, so the body
// middleware keeps them. HOST_KEEP_RAW_BODY=false shows what happens without it (a test does).
const keepRawBody = process.env.HOST_KEEP_RAW_BODY !== 'false';

module.exports = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  keepRawBody ? { name: 'strapi::body', config: { includeUnparsed: true } } : 'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
