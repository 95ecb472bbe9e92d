import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import type { ListPagesResponse } from '../../../plugin/contracts/common';
import { getService } from '../utils/get-service';

const pages = ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    const data = await getService(strapi, 'pages').list();
    ctx.body = { data } satisfies ListPagesResponse;
  },
});

export default pages;
