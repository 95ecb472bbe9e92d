import type { Core } from '@strapi/strapi';

import { CRON_JOBS, unsubscribers } from './bootstrap';
import { getService } from './utils/get-service';

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  for (const job of CRON_JOBS) {
    strapi.cron.remove(job);
  }
  await Promise.all([
    getService(strapi, 'dispatcher').stop(),
    getService(strapi, 'inbox').stop(),
    getService(strapi, 'outbox').stop(),
  ]);
  for (const unsubscribe of unsubscribers.splice(0)) {
    unsubscribe();
  }
};

export default destroy;
