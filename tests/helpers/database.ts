import { randomBytes } from 'node:crypto';

/**
 * A throwaway database per test file: a SQLite file (kept after the run, for the leak scan),
 * or a PostgreSQL / MySQL database created here and dropped afterwards.
 */
export interface TestDatabase {
  client: 'sqlite' | 'postgres' | 'mysql';
  name: string;
  env: Record<string, string>;
}

const server = () => ({
  host: process.env.DATABASE_HOST ?? '127.0.0.1',
  user: process.env.DATABASE_USERNAME,
  password: process.env.DATABASE_PASSWORD ?? '',
});

/** The database the runner was pointed at; test databases are created beside it. */
const adminDatabase = process.env.DATABASE_NAME ?? 'test';

/** Runs one statement on the database server, outside any test database. */
const onServer = async (client: 'postgres' | 'mysql', statement: string): Promise<void> => {
  if (client === 'postgres') {
    const { Client } = await import('pg');
    const connection = new Client({
      ...server(),
      user: server().user ?? 'postgres',
      port: Number(process.env.DATABASE_PORT ?? 5432),
      database: adminDatabase,
    });
    await connection.connect();
    try {
      await connection.query(statement);
    } finally {
      await connection.end();
    }
    return;
  }

  const mysql = await import('mysql2/promise');
  const connection = await mysql.createConnection({
    ...server(),
    user: server().user ?? 'root',
    port: Number(process.env.DATABASE_PORT ?? 3306),
  });
  try {
    await connection.query(statement);
  } finally {
    await connection.end();
  }
};

const uniqueName = () =>
  `mg_test_${process.pid}_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(3).toString('hex')}`;

export const createTestDatabase = async (): Promise<TestDatabase> => {
  const client = (process.env.DATABASE_CLIENT ?? 'sqlite') as TestDatabase['client'];
  const name = uniqueName();

  if (client === 'postgres') {
    await onServer(client, `CREATE DATABASE ${name}`);
    return { client, name, env: { DATABASE_NAME: name } };
  }
  if (client === 'mysql') {
    await onServer(
      client,
      `CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    return { client, name, env: { DATABASE_NAME: name } };
  }

  return { client: 'sqlite', name, env: { DATABASE_FILENAME: `.tmp/${name}.db` } };
};

export const dropTestDatabase = async (database: TestDatabase): Promise<void> => {
  if (database.client === 'postgres') {
    await onServer('postgres', `DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`);
  }
  if (database.client === 'mysql') {
    await onServer('mysql', `DROP DATABASE IF EXISTS ${database.name}`);
  }
};
