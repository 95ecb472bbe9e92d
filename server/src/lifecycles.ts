import type { Core } from '@strapi/strapi';

import { CONTENT_TYPES } from '../../plugin/identity';
import { consentErasure } from './consent/erasure-context';
import { encryptedUids } from './crypto/encrypted-fields';
import { LedgerImmutableError } from './utils/errors';
import { getService } from './utils/get-service';

interface LifecycleEvent {
  model: { uid: string };
  params: { data?: unknown; where?: unknown };
  result?: unknown;
}

/**
 * Database lifecycles that hold the plugin's rules on every path Strapi offers: the Query
 * Engine (single and bulk), the Document Service and the Content Manager all end here.
 * Returns the unsubscribe functions, for destroy().
 */
export const subscribeLifecycles = (strapi: Core.Strapi): Array<() => void> => {
  const encryption = getService(strapi, 'fieldEncryption');

  const encryptWrite = (event: LifecycleEvent) => {
    const { data, where } = event.params;
    if (where) {
      encryption.assertFilterable(event.model.uid, where);
    }
    for (const item of Array.isArray(data) ? data : [data]) {
      encryption.encryptData(event.model.uid, item as Record<string, unknown>);
    }
  };
  const guardFilter = (event: LifecycleEvent) =>
    encryption.assertFilterable(event.model.uid, event.params.where);
  const decryptResult = (event: LifecycleEvent) => {
    for (const row of Array.isArray(event.result) ? event.result : [event.result]) {
      encryption.decryptRow(event.model.uid, row);
    }
  };

  const refuseLedgerChange = (event: LifecycleEvent & { action?: string }) => {
    if (!consentErasure.active()) {
      throw new LedgerImmutableError(
        `The consent ledger is append-only: ${event.action ?? 'this change'} is refused (only erasure removes rows)`,
      );
    }
  };

  return [
    strapi.db.lifecycles.subscribe({
      models: encryptedUids(),
      beforeCreate: encryptWrite,
      beforeCreateMany: encryptWrite,
      beforeUpdate: encryptWrite,
      beforeUpdateMany: encryptWrite,
      beforeFindOne: guardFilter,
      beforeFindMany: guardFilter,
      beforeCount: guardFilter,
      beforeDelete: guardFilter,
      beforeDeleteMany: guardFilter,
      afterFindOne: decryptResult,
      afterFindMany: decryptResult,
    } as never) as unknown as () => void,
    strapi.db.lifecycles.subscribe({
      models: [CONTENT_TYPES.consent],
      beforeUpdate: refuseLedgerChange,
      beforeUpdateMany: refuseLedgerChange,
      beforeDelete: refuseLedgerChange,
      beforeDeleteMany: refuseLedgerChange,
    } as never) as unknown as () => void,
  ];
};
