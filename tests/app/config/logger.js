const path = require('node:path');

const { winston, formats } = require('@strapi/logger');

/**
 * Console logging at STRAPI_LOG_LEVEL; with STRAPI_LOG_FILE set, every line also goes to that
 * file, so the tests can prove that no personal data reaches the logs.
 */
module.exports = () => {
  const level = process.env.STRAPI_LOG_LEVEL || 'http';
  const transports = [new winston.transports.Console({ level })];

  if (process.env.STRAPI_LOG_FILE) {
    transports.push(
      new winston.transports.File({
        level: 'debug',
        filename: path.resolve(__dirname, '..', process.env.STRAPI_LOG_FILE),
        format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
      }),
    );
  }

  return {
    level: 'debug',
    format: formats.prettyPrint(),
    transports,
  };
};
