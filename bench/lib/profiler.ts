import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import type { Core } from '@strapi/strapi';

/**
 * Where the time goes inside the host process, without touching the plugin's code:
 *   - a V8 CPU profile of the measured phase, summarised by package and by plugin function;
 *   - wall time of every call of the plugin's service methods (wrapped in place), of the Query
 *     Engine on the plugin's content types, and of strapi.db.transaction;
 *   - the time SQLite itself spends on each kind of statement (better-sqlite3's prepare and
 *     run/all/get, wrapped), and how many statements run.
 * The wrappers cost a little, so a profiled run is slower than a plain one.
 */

const PLUGIN_SERVICES = [
  'inbox',
  'outbox',
  'eventHandler',
  'subscribers',
  'consentLedger',
  'graphClient',
  'fieldEncryption',
];

const PLUGIN_QUERY_UIDS = [
  'plugin::messenger-gdpr.webhook-receipt',
  'plugin::messenger-gdpr.webhook-event',
  'plugin::messenger-gdpr.subscriber',
  'plugin::messenger-gdpr.consent',
  'plugin::messenger-gdpr.delivery',
  'plugin::messenger-gdpr.outbox-message',
];
const QUERY_METHODS = [
  'findOne',
  'findMany',
  'count',
  'create',
  'createMany',
  'update',
  'updateMany',
  'delete',
  'deleteMany',
];

interface Tally {
  calls: number;
  ms: number;
}

export interface ProfileSummary {
  wallMs: number;
  cpuProfileFile: string;
  /** Self time per package or runtime bucket, in ms. */
  cpuByPackage: Array<{ name: string; ms: number }>;
  /** Self time per function, the heaviest first. */
  cpuTopFunctions: Array<{ name: string; ms: number }>;
  /** CPU time with the plugin function on the stack (inclusive), in ms. */
  cpuPluginInclusive: Array<{ name: string; ms: number }>;
  /** Wall time of plugin service and Query Engine calls (inclusive of what they await). */
  steps: Array<{ name: string; calls: number; ms: number }>;
  /** SQLite statements by kind and table: count and time inside SQLite (prepare + execute). */
  sql: Array<{ name: string; calls: number; ms: number }>;
}

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: CpuNode[];
  samples: number[];
  timeDeltas: number[];
}

const tallyAdd = (map: Map<string, Tally>, key: string, ms: number) => {
  const tally = map.get(key) ?? { calls: 0, ms: 0 };
  tally.calls += 1;
  tally.ms += ms;
  map.set(key, tally);
};

const sortedTallies = (map: Map<string, Tally>) =>
  [...map.entries()]
    .map(([name, tally]) => ({ name, calls: tally.calls, ms: tally.ms }))
    .sort((a, b) => b.ms - a.ms);

/** `select messenger_gdpr_subscribers`, `insert messenger_gdpr_webhook_events`, `commit`... */
export const statementKind = (sql: string): string => {
  const verb = (/^\s*(\w+)/.exec(sql)?.[1] ?? '?').toLowerCase();
  const table = /(?:from|into|update)\s+[`"]?([\w]+)[`"]?/i.exec(sql)?.[1];
  return table ? `${verb} ${table}` : verb;
};

const packageOf = (url: string, functionName: string, pluginBundle: string): string => {
  if (url === '') {
    return functionName.startsWith('(') ? functionName : `native ${functionName || '?'}`;
  }
  if (url.includes(pluginBundle)) {
    return 'plugin (dist/server)';
  }
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) {
    return module[1];
  }
  if (url.startsWith('node:')) {
    return 'node core';
  }
  return url;
};

const summariseCpuProfile = (
  profile: CpuProfile,
  pluginBundle: string,
): Pick<ProfileSummary, 'cpuByPackage' | 'cpuTopFunctions' | 'cpuPluginInclusive'> => {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parent.set(child, node.id);
    }
  }

  const byPackage = new Map<string, Tally>();
  const byFunction = new Map<string, Tally>();
  const pluginInclusive = new Map<string, Tally>();

  profile.samples.forEach((nodeId, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const node = byId.get(nodeId);
    if (!node) {
      return;
    }
    const { functionName, url, lineNumber } = node.callFrame;
    const pkg = packageOf(url, functionName, pluginBundle);
    tallyAdd(byPackage, pkg, ms);
    tallyAdd(
      byFunction,
      `${functionName || '(anonymous)'} ${url ? `[${pkg}:${lineNumber + 1}]` : ''}`.trim(),
      ms,
    );

    const seen = new Set<string>();
    for (let id: number | undefined = nodeId; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)?.callFrame;
      if (frame && frame.url.includes(pluginBundle)) {
        const name = `${frame.functionName || '(anonymous)'}:${frame.lineNumber + 1}`;
        if (!seen.has(name)) {
          seen.add(name);
          tallyAdd(pluginInclusive, name, ms);
        }
      }
    }
  });

  const strip = ({ name, ms }: { name: string; ms: number }) => ({ name, ms });
  return {
    cpuByPackage: sortedTallies(byPackage).map(strip),
    cpuTopFunctions: sortedTallies(byFunction).slice(0, 25).map(strip),
    cpuPluginInclusive: sortedTallies(pluginInclusive).slice(0, 25).map(strip),
  };
};

const post = <T>(session: Session, method: string, params: object = {}) =>
  new Promise<T>((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))),
  );

export const createProfiler = (strapi: Core.Strapi, outDir: string, pluginBundle: string) => {
  const steps = new Map<string, Tally>();
  const sql = new Map<string, Tally>();
  let recording = false;
  let installed = false;
  let session: Session | undefined;
  let started = 0;

  const timed = <F extends (...args: any[]) => any>(name: string, fn: F): F =>
    function (this: unknown, ...args: unknown[]) {
      if (!recording) {
        return fn.apply(this, args);
      }
      const t0 = performance.now();
      const done = () => tallyAdd(steps, name, performance.now() - t0);
      let result: unknown;
      try {
        result = fn.apply(this, args);
      } catch (error) {
        done();
        throw error;
      }
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        return (result as Promise<unknown>).finally(done);
      }
      done();
      return result;
    } as F;

  const install = () => {
    if (installed) {
      return;
    }
    installed = true;

    for (const name of PLUGIN_SERVICES) {
      const service = strapi.plugin('messenger-gdpr').service(name) as
        Record<string, unknown> | undefined;
      if (!service) {
        continue;
      }
      for (const [method, value] of Object.entries(service)) {
        if (typeof value === 'function') {
          service[method] = timed(`${name}.${method}`, value as (...args: any[]) => any);
        }
      }
    }
    // Query Engine calls per plugin content type: strapi.db.query(uid) is one cached object.
    for (const uid of PLUGIN_QUERY_UIDS.filter((candidate) => strapi.db.metadata.has(candidate))) {
      const repository = strapi.db.query(uid as never) as unknown as Record<string, unknown>;
      for (const method of QUERY_METHODS) {
        const value = repository[method];
        if (typeof value === 'function') {
          repository[method] = timed(
            `query(${uid.split('.').pop()}).${method}`,
            value as (...args: any[]) => any,
          );
        }
      }
    }
    const db = strapi.db as unknown as { transaction: (...args: any[]) => any };
    const transaction = db.transaction.bind(db);
    const outermost = timed('strapi.db.transaction, outermost', transaction);
    const nested = timed('strapi.db.transaction, nested', transaction);
    db.transaction = (...args: unknown[]) =>
      (strapi.db.inTransaction() ? nested : outermost)(...args);

    // The same module knex loads: wrapping its prototype reaches the open connection.
    const Database = require('better-sqlite3') as {
      prototype: { prepare: (sql: string) => Record<string, unknown> };
    };
    const prepare = Database.prototype.prepare;
    Database.prototype.prepare = function (this: unknown, statementSql: string) {
      const t0 = performance.now();
      const statement = prepare.call(this, statementSql);
      if (!recording) {
        return statement;
      }
      const prepareMs = performance.now() - t0;
      const kind = statementKind(statementSql);
      for (const method of ['all', 'run', 'get']) {
        const execute = statement[method] as (...args: unknown[]) => unknown;
        statement[method] = function (this: unknown, ...args: unknown[]) {
          const t1 = performance.now();
          try {
            return execute.apply(this, args);
          } finally {
            tallyAdd(sql, kind, prepareMs + performance.now() - t1);
          }
        };
      }
      return statement;
    };
  };

  return {
    async start(): Promise<void> {
      install();
      steps.clear();
      sql.clear();
      session = new Session();
      session.connect();
      await post(session, 'Profiler.enable');
      await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
      await post(session, 'Profiler.start');
      started = performance.now();
      recording = true;
    },

    async stop(label: string): Promise<ProfileSummary> {
      if (!session) {
        throw new Error('the profiler was not started');
      }
      recording = false;
      const wallMs = performance.now() - started;
      const { profile } = await post<{ profile: CpuProfile }>(session, 'Profiler.stop');
      session.disconnect();
      session = undefined;

      const cpuProfileFile = path.join(outDir, `${label}.cpuprofile`);
      writeFileSync(cpuProfileFile, JSON.stringify(profile));
      return {
        wallMs,
        cpuProfileFile,
        ...summariseCpuProfile(profile, pluginBundle),
        steps: sortedTallies(steps),
        sql: sortedTallies(sql),
      };
    },
  };
};
