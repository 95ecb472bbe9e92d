const { factories } = require('@strapi/strapi');

module.exports = factories.createCoreController('api::bench-record.bench-record');
