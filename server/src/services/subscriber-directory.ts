import type { Core } from '@strapi/strapi';

import type {
  ConsentHistoryEntry,
  ListSubscribersQuery,
  ListSubscribersResponse,
  SubscriberDelivery,
  SubscriberDetail,
  SubscriberSummary,
} from '../../../plugin/contracts/subscribers';
import { CONTENT_TYPES } from '../../../plugin/identity';
import { normaliseEmail } from '../crypto/field-cipher';
import { ConflictError, PermissionError } from '../utils/errors';
import { getService } from '../utils/get-service';
import type { ConsentRow } from './consent-ledger';
import { subscriberReference, type SubscriberRow } from './subscribers';

export interface Viewer {
  adminUserId: number | null;
  canReadPersonalData: boolean;
}

type FullRow = SubscriberRow & {
  email: string | null;
  firstName: string | null;
  lastName: string | null;
};

const iso = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as string).toISOString();

/**
 * What the admin's Subscribers page reads and does. Lookups go through blind indexes; personal
 * data leaves the server only for admins allowed to see it, and each such view is audited.
 */
const subscriberDirectory = ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(CONTENT_TYPES.subscriber);
  const encryption = () => getService(strapi, 'fieldEncryption');

  /** Turns the search box into a filter: a PSID, an email or a `sub_…` reference. */
  const searchFilter = (search: string): Record<string, unknown> => {
    if (search.startsWith('sub_')) {
      // A reference is a whole value, like the others: exactly the 12 characters shown.
      const prefix = search.slice(4).toLowerCase();
      return /^[0-9a-f]{12}$/.test(prefix)
        ? { subjectKey: { $startsWith: prefix } }
        : { id: { $null: true } };
    }
    if (search.includes('@')) {
      return { emailIndex: encryption().blindIndex('email', normaliseEmail(search)) };
    }
    return { psidIndex: encryption().blindIndex('psid', search.trim()) };
  };

  const summarise = (row: FullRow, viewer: Viewer): SubscriberSummary => ({
    documentId: row.documentId,
    pageId: row.pageId,
    status: row.status,
    reachability: row.reachability,
    reference: subscriberReference(row.subjectKey),
    optInSource: row.optInSource ?? null,
    lastInteractionAt: iso(row.lastInteractionAt),
    createdAt: iso(row.createdAt) ?? '',
    personalData: viewer.canReadPersonalData
      ? {
          psid: row.psid,
          email: row.email ?? null,
          firstName: row.firstName ?? null,
          lastName: row.lastName ?? null,
        }
      : null,
  });

  const consentHistory = async (subjectKey: string): Promise<ConsentHistoryEntry[]> => {
    const ledger = getService(strapi, 'consentLedger');
    const rows: ConsentRow[] = await ledger.history(subjectKey);

    return Promise.all(
      rows.map(async (row) => ({
        id: row.id,
        purpose: row.purpose as ConsentHistoryEntry['purpose'],
        action: row.action as ConsentHistoryEntry['action'],
        method: row.method as ConsentHistoryEntry['method'],
        policyVersion: row.policyVersion,
        eventTime: new Date(Number(row.eventTime)).toISOString(),
        evidence: row.evidence as ConsentHistoryEntry['evidence'],
        hash: row.hash,
        previousHash: row.previousHash,
        proof: await ledger.verify(row),
      })),
    );
  };

  const deliveriesOf = async (subscriberId: number): Promise<SubscriberDelivery[]> => {
    const rows = await strapi.db
      .query(CONTENT_TYPES.delivery)
      .findMany({ where: { subscriberId }, orderBy: { id: 'desc' }, limit: 50 });
    const broadcasts = await strapi.db.query(CONTENT_TYPES.broadcast).findMany({
      select: ['id', 'title'],
      where: { id: { $in: rows.map((row) => row.broadcastId) } },
    });
    const titles = new Map(
      broadcasts.map((broadcast) => [broadcast.id, broadcast.title as string]),
    );

    return rows.map((row) => ({
      broadcastTitle: titles.get(row.broadcastId) ?? '—',
      status: row.status,
      reason: row.reason ?? null,
      sentAt: iso(row.sentAt),
      deliveredAt: iso(row.deliveredAt),
      readAt: iso(row.readAt),
    }));
  };

  const auditView = async (viewer: Viewer, rows: FullRow[]) => {
    if (!viewer.canReadPersonalData) {
      return;
    }
    for (const row of rows) {
      await getService(strapi, 'audit').record(
        viewer.adminUserId,
        'subscriber.view-personal-data',
        {
          subjectRef: subscriberReference(row.subjectKey),
        },
      );
    }
  };

  const api = {
    async list(
      params: Required<Pick<ListSubscribersQuery, 'page' | 'pageSize'>> & ListSubscribersQuery,
      viewer: Viewer,
    ): Promise<ListSubscribersResponse> {
      // A PSID or an email is personal data: looking someone up by it needs the same
      // permission as reading it, and is audited like a view.
      const byPersonalData = Boolean(params.search && !params.search.startsWith('sub_'));
      if (byPersonalData && !viewer.canReadPersonalData) {
        throw new PermissionError(
          'Searching by PSID or email needs the permission to see subscribers’ personal data; search by sub_ reference instead',
        );
      }
      if (byPersonalData) {
        await getService(strapi, 'audit').record(
          viewer.adminUserId,
          'subscriber.search-personal-data',
        );
      }

      const where: Record<string, unknown> = {
        ...(params.status ? { status: params.status } : {}),
        ...(params.pageId ? { pageId: params.pageId } : {}),
        ...(params.search ? searchFilter(params.search) : {}),
      };
      const [rows, total] = await Promise.all([
        query().findMany({
          where,
          orderBy: { id: 'desc' },
          limit: params.pageSize,
          offset: (params.page - 1) * params.pageSize,
        }),
        query().count({ where }),
      ]);

      await auditView(viewer, rows as FullRow[]);
      return {
        data: (rows as FullRow[]).map((row) => summarise(row, viewer)),
        pagination: {
          page: params.page,
          pageSize: params.pageSize,
          total,
          pageCount: Math.max(1, Math.ceil(total / params.pageSize)),
        },
        canReadPersonalData: viewer.canReadPersonalData,
      };
    },

    async detail(documentId: string, viewer: Viewer): Promise<SubscriberDetail> {
      const row = (await getService(strapi, 'subscribers').findByDocumentId(documentId)) as FullRow;
      await auditView(viewer, [row]);

      return {
        ...summarise(row, viewer),
        consent: await consentHistory(row.subjectKey),
        deliveries: await deliveriesOf(row.id),
      };
    },

    /**
     * An admin unsubscribes someone, e.g. after a request by email: the ledger records it
     * exactly as it records a STOP in Messenger, with the admin as evidence.
     */
    async unsubscribe(documentId: string, viewer: Viewer): Promise<SubscriberDetail> {
      const subscribers = getService(strapi, 'subscribers');
      const now = Date.now();

      // Checked and written in one transaction: two admins at once write one withdrawal.
      const row = await strapi.db.transaction(async () => {
        const current = await subscribers.findByDocumentId(documentId);
        const { count } = await strapi.db.query(CONTENT_TYPES.subscriber).updateMany({
          where: { id: current.id, status: { $ne: 'unsubscribed' } },
          data: { status: 'unsubscribed' },
        });
        if (count !== 1) {
          throw new ConflictError(`Subscriber ${documentId} is already unsubscribed`);
        }
        await subscribers.changeStatus(current, {
          status: 'unsubscribed',
          method: 'admin',
          eventTime: Math.max(now, Number(current.statusEventTime ?? 0)),
          eventKey: `admin:${viewer.adminUserId ?? 'unknown'}:${now}`,
          adminUserId: viewer.adminUserId,
        });
        return current;
      });
      await getService(strapi, 'audit').record(viewer.adminUserId, 'subscriber.unsubscribe', {
        subjectRef: subscriberReference(row.subjectKey),
      });

      return api.detail(documentId, viewer);
    },
  };

  return api;
};

export default subscriberDirectory;
