import type { Core } from '@strapi/strapi';

import { ENCRYPTED_FIELDS, fieldContext } from '../crypto/encrypted-fields';
import { decryptValue, encryptValue, envelopeKeyId } from '../crypto/field-cipher';
import { getService } from '../utils/get-service';
import { createLogger } from '../utils/log';

export interface RotationProgress {
  /** Rows read so far. */
  scanned: number;
  /** Values moved to the current key so far. */
  reencrypted: number;
}

export interface RotationOptions {
  batchSize?: number;
  /** Stop after this many values (an interruption, for tests and cautious operators). */
  maxValues?: number;
  onProgress?: (progress: RotationProgress & { uid: string }) => void;
}

interface Column {
  attribute: string;
  column: string;
}

/**
 * Moves every encrypted value to the newest key of the ring. Each value is rewritten on its
 * own with a compare-and-set on the old ciphertext, so the command can be interrupted at any
 * point and run again: values already on the newest key are skipped. Blind indexes do not
 * change, since the index key does not depend on the newest key.
 */
const keyRotation = ({ strapi }: { strapi: Core.Strapi }) => {
  const log = createLogger(strapi);
  const ring = () => getService(strapi, 'settings').keyRing();

  const columnsOf = (uid: string): { table: string; columns: Column[] } => {
    const meta = strapi.db.metadata.get(uid);
    return {
      table: meta.tableName,
      columns: ENCRYPTED_FIELDS[uid].map(({ attribute }) => ({
        attribute,
        column: (meta.attributes[attribute] as { columnName?: string }).columnName ?? attribute,
      })),
    };
  };

  /** Reads a table in id order, one batch at a time, with only the id and encrypted columns. */
  async function* batches(table: string, columns: Column[], size: number) {
    let afterId = 0;
    for (;;) {
      const rows: Array<Record<string, unknown>> = await strapi.db
        .getConnection(table)
        .select(['id', ...columns.map((column) => column.column)])
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(size);
      if (rows.length === 0) {
        return;
      }
      yield rows;
      afterId = Number(rows[rows.length - 1].id);
    }
  }

  return {
    /** How many values each key of the ring still holds, per content type. */
    async census(): Promise<Record<string, Record<string, number>>> {
      const result: Record<string, Record<string, number>> = {};
      for (const uid of Object.keys(ENCRYPTED_FIELDS)) {
        const { table, columns } = columnsOf(uid);
        const counts: Record<string, number> = {};
        for await (const rows of batches(table, columns, 500)) {
          for (const row of rows) {
            for (const { column } of columns) {
              const value = row[column];
              const keyId = typeof value === 'string' ? envelopeKeyId(value) : undefined;
              if (keyId) {
                counts[keyId] = (counts[keyId] ?? 0) + 1;
              }
            }
          }
        }
        result[uid] = counts;
      }
      return result;
    },

    async reencrypt(
      options: RotationOptions = {},
    ): Promise<RotationProgress & { complete: boolean }> {
      const batchSize = options.batchSize ?? 200;
      const progress: RotationProgress = { scanned: 0, reencrypted: 0 };
      const current = ring().current.id;

      for (const uid of Object.keys(ENCRYPTED_FIELDS)) {
        const { table, columns } = columnsOf(uid);

        for await (const rows of batches(table, columns, batchSize)) {
          for (const row of rows) {
            progress.scanned += 1;
            for (const { attribute, column } of columns) {
              const value = row[column];
              if (typeof value !== 'string' || envelopeKeyId(value) === current) {
                continue;
              }
              if (options.maxValues !== undefined && progress.reencrypted >= options.maxValues) {
                return { ...progress, complete: false };
              }

              const context = fieldContext(uid, attribute);
              const moved = encryptValue(ring(), decryptValue(ring(), value, context), context);
              // Compare-and-set: a value changed meanwhile by another writer is left to it.
              const updated = await strapi.db
                .getConnection(table)
                .where({ id: row.id, [column]: value })
                .update({ [column]: moved });
              progress.reencrypted += Number(updated) > 0 ? 1 : 0;
            }
          }

          options.onProgress?.({ ...progress, uid });
        }
      }

      log.info('re-encryption finished', { key: current, values: progress.reencrypted });
      return { ...progress, complete: true };
    },
  };
};

export default keyRotation;
