import type { Core } from '@strapi/strapi';

import { contentManagerGuard } from './middlewares/content-manager-guard';

/** Runs before Strapi's own middlewares are mounted, so the guard sees every request first. */
const register = ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.server.use(contentManagerGuard(strapi));
};

export default register;
