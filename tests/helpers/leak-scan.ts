import type { Core } from '@strapi/strapi';

import { PSID_PATTERN, TEST_EMAILS, TEST_MESSAGE_TEXTS, TEST_NAMES } from './personal-data';

export interface Leak {
  table: string;
  what: string;
}

const NEEDLES: Array<{ what: string; test: (text: string) => boolean }> = [
  { what: 'PSID', test: (text) => PSID_PATTERN.test(text) },
  ...[...TEST_NAMES, ...TEST_EMAILS, ...TEST_MESSAGE_TEXTS].map((value) => ({
    what: 'test personal value',
    test: (text: string) => text.toLowerCase().includes(value.toLowerCase()),
  })),
];

/** Every table of the database, Strapi's own included. */
const listTables = async (strapi: Core.Strapi): Promise<string[]> => {
  const knex = strapi.db.connection;
  const client = strapi.db.dialect.client;

  if (client === 'sqlite') {
    const rows = await knex.raw("SELECT name FROM sqlite_master WHERE type = 'table'");
    return (rows as Array<{ name: string }>).map((row) => row.name);
  }
  if (client === 'postgres') {
    const rows = await knex('information_schema.tables')
      .select('table_name')
      .where('table_schema', 'public');
    return rows.map((row: { table_name: string }) => row.table_name);
  }
  const [rows] = await knex.raw('SHOW TABLES');
  return (rows as Array<Record<string, string>>).map((row) => Object.values(row)[0]);
};

/**
 * Reads every row of every table and reports any test personal value found in plaintext.
 * Values are reported by kind and table only, so the report itself leaks nothing.
 */
export const scanDatabaseForPersonalData = async (strapi: Core.Strapi): Promise<Leak[]> => {
  const leaks: Leak[] = [];

  for (const table of await listTables(strapi)) {
    const rows = await strapi.db.connection(table).select('*');
    const text = JSON.stringify(rows, (_key, value) =>
      typeof value === 'bigint' ? String(value) : value,
    );
    for (const needle of NEEDLES) {
      if (needle.test(text)) {
        leaks.push({ table, what: needle.what });
      }
    }
  }

  return leaks;
};
