import type { Core } from '@strapi/strapi';

/** Nothing to register before bootstrap: content types, routes and services are declared. */
const register = (_context: { strapi: Core.Strapi }) => {};

export default register;
