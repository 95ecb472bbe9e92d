const { factories } = require('@strapi/strapi');

/** Only `POST /api/bench-records` is needed; every call needs an API token. */
module.exports = factories.createCoreRouter('api::bench-record.bench-record', {
  only: ['create'],
});
