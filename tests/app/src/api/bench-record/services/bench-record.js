const { factories } = require('@strapi/strapi');

module.exports = factories.createCoreService('api::bench-record.bench-record');
