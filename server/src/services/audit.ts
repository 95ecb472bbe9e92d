import type { Core } from '@strapi/strapi';

import { CONTENT_TYPES } from '../../../plugin/identity';

export type AuditAction =
  | 'broadcast.create'
  | 'broadcast.send'
  | 'broadcast.resume'
  | 'subscriber.view-personal-data'
  | 'subscriber.search-personal-data'
  | 'subscriber.unsubscribe';

/** Records what admins do with subscribers' data. Only ids and pseudonymous references. */
const audit = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** One row per target, written in one statement: a list view of 100 people is one insert. */
  async recordMany(
    adminUserId: number | null,
    action: AuditAction,
    targets: Array<{ subjectRef?: string; targetId?: string }>,
  ): Promise<void> {
    const at = new Date();
    await strapi.db.query(CONTENT_TYPES.auditEvent).createMany({
      data: targets.map((target) => ({
        adminUserId,
        action,
        subjectRef: target.subjectRef ?? null,
        targetId: target.targetId ?? null,
        at,
      })),
    });
  },

  async record(
    adminUserId: number | null,
    action: AuditAction,
    target: { subjectRef?: string; targetId?: string } = {},
  ): Promise<void> {
    await strapi.db.query(CONTENT_TYPES.auditEvent).create({
      data: {
        adminUserId,
        action,
        subjectRef: target.subjectRef ?? null,
        targetId: target.targetId ?? null,
        at: new Date(),
      },
    });
  },
});

export default audit;
