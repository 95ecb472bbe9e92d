import type { Core } from '@strapi/strapi';

import type { PageSummary } from '../../../plugin/contracts/common';
import { CONTENT_TYPES, PLUGIN_ID } from '../../../plugin/identity';
import { getService } from '../utils/get-service';
import { createLogger } from '../utils/log';

export interface PageState {
  halted: boolean;
  reason: string | null;
  /** Time of the event that set this state; older events do not override it. */
  eventTime: number;
}

/**
 * Per-Page sending state, shared by every instance through Strapi's store. A halted Page sends
 * nothing until an admin or Meta (`unblock`) lifts the halt.
 */
const pages = ({ strapi }: { strapi: Core.Strapi }) => {
  const log = createLogger(strapi);
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });
  const key = (pageId: string) => `page-state:${pageId}`;

  const read = async (pageId: string): Promise<PageState> =>
    ((await store().get({ key: key(pageId) })) as PageState | null) ?? {
      halted: false,
      reason: null,
      eventTime: 0,
    };

  const api = {
    state: read,

    async halt(pageId: string, reason: string, eventTime = Date.now()): Promise<void> {
      const current = await read(pageId);
      if (eventTime < current.eventTime) {
        return;
      }
      await store().set({ key: key(pageId), value: { halted: true, reason, eventTime } });
      await strapi.db.query(CONTENT_TYPES.broadcast).updateMany({
        where: { pageId, status: 'sending' },
        data: { status: 'halted', haltReason: reason },
      });
      log.warn('sending halted for page', { page: pageId, reason });
    },

    async resume(pageId: string, eventTime = Date.now()): Promise<void> {
      const current = await read(pageId);
      if (eventTime < current.eventTime) {
        return;
      }
      await store().set({ key: key(pageId), value: { halted: false, reason: null, eventTime } });
      // The broadcasts the halt stopped carry on where they were.
      const { count } = await strapi.db.query(CONTENT_TYPES.broadcast).updateMany({
        where: { pageId, status: 'halted' },
        data: { status: 'sending', haltReason: null },
      });
      log.info('sending resumed for page', { page: pageId, broadcasts: count });
      if (count > 0) {
        getService(strapi, 'dispatcher').schedule();
      }
    },

    async applyPolicyEnforcement(
      pageId: string,
      action: 'warning' | 'block' | 'unblock',
      eventTime: number,
    ) {
      if (action === 'block') {
        await api.halt(pageId, 'policy-enforcement-block', eventTime);
      } else if (action === 'unblock') {
        await api.resume(pageId, eventTime);
      } else {
        log.warn('Meta sent a policy enforcement warning', { page: pageId });
      }
    },

    async list(): Promise<PageSummary[]> {
      return Promise.all(
        getService(strapi, 'settings')
          .pages()
          .map(async (page) => ({
            id: page.id,
            name: page.name ?? `Page ${page.id}`,
            sendingHalted: (await read(page.id)).halted,
          })),
      );
    },
  };

  return api;
};

export default pages;
