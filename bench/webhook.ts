/**
 * `npm run bench -- webhook [--concurrency=N] [--profile]`
 *
 * Boots the real host app (tests/app) with the plugin on a throwaway SQLite file, listening on
 * 127.0.0.1, with the Graph emulator standing in for Meta, and measures over real HTTP:
 *   1. batches of 100 signed events on POST /api/messenger-gdpr/webhook: end-to-end events/s
 *      (first POST → every receipt `processed`) and the acceptance rate of the POSTs alone;
 *   2. sequential single-event POSTs: p50/p95/p99 latency;
 *   3. Strapi's own REST create (POST /api/bench-records with a full-access API token) at the
 *      same concurrency, and the ratio plugin events/s ÷ REST creates/s.
 * With --profile the measured batch phase is also profiled inside the host process.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { startGraphEmulator } from '../tests/graph-emulator';
import { metaJson, sign } from '../tests/helpers/messenger';
import { ensurePluginBuild, ROOT, sourceVersion } from './lib/build';
import { type Host, startHost } from './lib/host';
import { httpClient, percentile, runConcurrent } from './lib/http';
import type { ProfileSummary } from './lib/profiler';

const WEBHOOK = '/api/messenger-gdpr/webhook';
const REST = '/api/bench-records';

// All invented.
const PAGE_ID = '1000000000000001';
const PAGE_TOKEN = 'bench-page-token-1';
const APP_SECRET = 'bench-app-secret';

const BATCH_SIZE = 100;
const WARMUP_BATCHES = 5;
const MEASURED_BATCHES = 50;
/** Distinct people: the warm-up meets the first 520, the measured batches the other 480. */
const PSID_POOL = 1000;
const SINGLE_WARMUP = 20;
const SINGLE_MEASURED = 300;
const REST_WARMUP = 100;
const REST_MEASURED = 2000;
const REST_MAX_SECONDS = 15;
const DEFAULT_CONCURRENCY = 4;

const TARGET_EVENTS_PER_S = 2000;
const TARGET_RATIO = 5;
const TARGET_P99_MS = 50;

/** Waiting for the inbox longer than this is an error, not a measurement. */
const PROCESS_TIMEOUT_MS = 90_000;
const POLL_MS = 20;

/** Invented PSIDs: 7000000000000000, 7000000000000001, ... */
const psid = (index: number) => `7000000000${String(index % PSID_POOL).padStart(6, '0')}`;

interface Options {
  concurrency: number;
  profile: boolean;
  /** What-if: the throwaway database in WAL mode with synchronous=NORMAL. */
  sqliteWal: boolean;
  /** What-if: each Send API answer of the emulator waits this long, like a real network. */
  graphLatencyMs: number;
}

const OPTIONS_HELP =
  'webhook takes --concurrency=1..32, --profile, --sqlite-wal and --graph-latency=0..1000';

const parseOptions = (args: string[]): Options => {
  const options: Options = {
    concurrency: DEFAULT_CONCURRENCY,
    profile: false,
    sqliteWal: false,
    graphLatencyMs: 0,
  };
  for (const arg of args) {
    const [flag, value] = arg.split('=');
    const number = Number(value);
    if (flag === '--concurrency' && Number.isInteger(number) && number >= 1 && number <= 32) {
      options.concurrency = number;
    } else if (flag === '--graph-latency' && Number.isInteger(number) && number >= 0) {
      options.graphLatencyMs = Math.min(number, 1000);
    } else if (arg === '--profile') {
      options.profile = true;
    } else if (arg === '--sqlite-wal') {
      options.sqliteWal = true;
    } else {
      throw new Error(`unknown option "${arg}" (${OPTIONS_HELP})`);
    }
  }
  return options;
};

const fixed = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (value: number) => `${fixed(value, value < 10 ? 2 : 1)} ms`;
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
interface Cpu {
  user: number;
  system: number;
}
const cpuSince = (before: Cpu, after: Cpu): Cpu => ({
  user: after.user - before.user,
  system: after.system - before.system,
});
/** CPU per item is steadier than rates on a busy machine: the host's own user + system time. */
const cpuPer = (cpu: Cpu, count: number, item: string) =>
  `${fixed(((cpu.user + cpu.system) * 1000) / count)} µs per ${item} (user ${fixed((cpu.user * 1000) / count)} + system ${fixed((cpu.system * 1000) / count)})`;
const latencies = (values: number[]) =>
  `p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}, p99 ${ms(percentile(values, 99))}, max ${ms(Math.max(...values))}`;

/** Other work on this machine skews every figure: the run says how busy it was. */
const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

/** SQLite commits wait for fsync: how long one takes here and now says much about the figures. */
const fsyncProbe = (dir: string): string => {
  const file = path.join(dir, 'fsync-probe');
  const descriptor = openSync(file, 'w');
  const times: number[] = [];
  try {
    for (let i = 0; i < 30; i += 1) {
      const started = performance.now();
      writeSync(descriptor, Buffer.alloc(4096, i), 0, 4096, 0);
      fsyncSync(descriptor);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(descriptor);
    rmSync(file, { force: true });
  }
  return `p50 ${ms(percentile(times, 50))}, p90 ${ms(percentile(times, 90))}`;
};

/** The bodies Meta would send: one entry per event, as Meta batches them. */
const createEventSource = () => {
  const run = randomBytes(4).toString('hex');
  let next = 0;
  return {
    /** How many events were made so far; event n comes from psid(n). */
    made: () => next,
    body(size: number): string {
      const entries = Array.from({ length: size }, () => {
        const n = next;
        next += 1;
        const timestamp = Date.now();
        return {
          id: PAGE_ID,
          time: timestamp,
          messaging: [
            {
              sender: { id: psid(n) },
              recipient: { id: PAGE_ID },
              timestamp,
              message: { mid: `m_bench_${run}_${n}`, text: `Hello, this is bench message ${n}` },
            },
          ],
        };
      });
      return metaJson({ object: 'page', entry: entries });
    },
  };
};

const waitProcessed = async (host: Host, expected: number): Promise<number> => {
  const deadline = Date.now() + PROCESS_TIMEOUT_MS;
  for (;;) {
    const receipts = await host.ask<{ processed: number; failed: number; total: number }>({
      type: 'receipts',
    });
    if (receipts.failed > 0) {
      throw new Error(`${receipts.failed} webhook receipt(s) failed to process`);
    }
    if (receipts.processed >= expected) {
      return performance.now();
    }
    if (Date.now() > deadline) {
      throw new Error(
        `only ${receipts.processed} of ${expected} receipts processed after ${PROCESS_TIMEOUT_MS / 1000} s`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
};

/** The bot's replies leave through the outbox after their receipt: wait for them to arrive. */
const waitForOffers = async (graph: { sent: () => unknown[] }, expected: number): Promise<void> => {
  const deadline = Date.now() + PROCESS_TIMEOUT_MS;
  while (graph.sent().length < expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
};

const postWebhooks = async (
  client: ReturnType<typeof httpClient>,
  bodies: string[],
  concurrency: number,
): Promise<number[]> => {
  const times: number[] = [];
  await runConcurrent(bodies.length, concurrency, async (index) => {
    const raw = bodies[index];
    const response = await client.post(WEBHOOK, raw, {
      'X-Hub-Signature-256': sign(raw, APP_SECRET),
    });
    if (response.status !== 200) {
      throw new Error(`webhook POST answered ${response.status}: ${response.body.slice(0, 200)}`);
    }
    times.push(response.ms);
  });
  return times;
};

const restCreates = async (
  client: ReturnType<typeof httpClient>,
  token: string,
  count: number,
  concurrency: number,
  offset: number,
  deadline?: number,
): Promise<number[]> => {
  const times: number[] = [];
  await runConcurrent(
    count,
    concurrency,
    async (index) => {
      const n = offset + index;
      const response = await client.post(
        REST,
        JSON.stringify({
          data: {
            text: `Hello, this is bench message ${n}`,
            payload: { kind: 'message', mid: `m_rest_${n}`, page: 'bench', timestamp: Date.now() },
          },
        }),
        { Authorization: `Bearer ${token}` },
      );
      if (response.status !== 201 && response.status !== 200) {
        throw new Error(`REST create answered ${response.status}: ${response.body.slice(0, 200)}`);
      }
      times.push(response.ms);
    },
    deadline,
  );
  return times;
};

const printProfile = (phase: string, summary: ProfileSummary, events: number) => {
  const perEvent = (value: number) => `${fixed((value * 1000) / events, 0)} µs/event`;
  console.log(
    `\n▸ profile of ${phase} (${fixed(summary.wallMs)} ms wall, ${fixed(events)} events)`,
  );
  console.log(`  CPU profile: ${path.relative(ROOT, summary.cpuProfileFile)}`);
  console.log('  CPU self time by package:');
  for (const row of summary.cpuByPackage.slice(0, 14)) {
    console.log(`    ${ms(row.ms).padStart(11)}  ${perEvent(row.ms).padStart(15)}  ${row.name}`);
  }
  console.log('  heaviest functions (self time):');
  for (const row of summary.cpuTopFunctions.slice(0, 20)) {
    console.log(`    ${ms(row.ms).padStart(11)}  ${row.name}`);
  }
  console.log('  plugin functions on the stack (inclusive CPU time):');
  for (const row of summary.cpuPluginInclusive.slice(0, 20)) {
    console.log(`    ${ms(row.ms).padStart(11)}  ${perEvent(row.ms).padStart(15)}  ${row.name}`);
  }
  console.log('  plugin service and Query Engine calls (wall time, inclusive):');
  // inbox.drain calls overlap (they share one pass), so their sum means nothing.
  for (const row of summary.steps.filter((step) => step.name !== 'inbox.drain').slice(0, 30)) {
    console.log(
      `    ${ms(row.ms).padStart(11)}  ${fixed(row.calls).padStart(7)} calls  ${fixed(row.calls / events, 2).padStart(6)}/event  ${row.name}`,
    );
  }
  const statements = summary.sql.reduce((sum, row) => sum + row.calls, 0);
  const sqlMs = summary.sql.reduce((sum, row) => sum + row.ms, 0);
  console.log(
    `  SQLite statements: ${fixed(statements)} (${fixed(statements / events, 1)}/event), ${ms(sqlMs)} inside SQLite (${perEvent(sqlMs)}):`,
  );
  for (const row of summary.sql.slice(0, 20)) {
    console.log(
      `    ${ms(row.ms).padStart(11)}  ${fixed(row.calls).padStart(7)} × ${fixed(row.calls / events, 2).padStart(5)}/event  ${row.name}`,
    );
  }
};

/** The SQLite file must hold no PSID in plaintext: the bench goes through the encrypted paths. */
const plaintextPsids = (databaseFile: string): number => {
  let found = 0;
  for (const file of [databaseFile, `${databaseFile}-journal`, `${databaseFile}-wal`]) {
    if (existsSync(file)) {
      found += (
        readFileSync(file)
          .toString('latin1')
          .match(/7000000000\d{6}/g) ?? []
      ).length;
    }
  }
  return found;
};

export const run = async (args: string[]): Promise<{ value: number; unit: string }> => {
  const options = parseOptions(args);
  const { concurrency } = options;
  const runDir = path.join(ROOT, '.tmp', 'bench', `webhook-${process.pid}-${Date.now()}`);
  const databaseFile = path.join(runDir, 'data.db');
  const profileDir = path.join(ROOT, '.tmp', 'bench', 'profiles');

  console.log(
    `webhook bench: ${os.cpus().length} cores, node ${process.version}, SQLite, concurrency ${concurrency}`,
  );
  const whatIf = [
    options.profile && 'PROFILED (slower than a plain run)',
    options.sqliteWal &&
      'WHAT-IF: SQLite in WAL mode, synchronous=NORMAL (not the host app default)',
    options.graphLatencyMs > 0 &&
      `WHAT-IF: the Graph emulator answers after ${options.graphLatencyMs} ms`,
  ].filter(Boolean);
  for (const line of whatIf) {
    console.log(`  ${line}`);
  }
  ensurePluginBuild((line) => console.log(`  ${line}`));
  console.log(`  plugin sources: ${sourceVersion()}`);
  mkdirSync(runDir, { recursive: true });
  mkdirSync(profileDir, { recursive: true });
  console.log(`  machine load average at start: ${loadAverage()}`);
  console.log(`  4 KiB write + fsync beside the database: ${fsyncProbe(runDir)}`);

  const graph = await startGraphEmulator({
    tokens: { [PAGE_ID]: PAGE_TOKEN },
    latencyMs: options.graphLatencyMs,
  });
  let host: Host | undefined;
  let client: ReturnType<typeof httpClient> | undefined;

  try {
    const bootStarted = performance.now();
    host = await startHost({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      APP_KEYS: 'bench-app-key-1,bench-app-key-2',
      ADMIN_JWT_SECRET: 'bench-admin-jwt-secret',
      API_TOKEN_SALT: 'bench-api-token-salt',
      TRANSFER_TOKEN_SALT: 'bench-transfer-token-salt',
      ENCRYPTION_KEY: 'bench-encryption-key',
      JWT_SECRET: 'bench-jwt-secret',
      STRAPI_TELEMETRY_DISABLED: 'true',
      STRAPI_LOG_LEVEL: 'warn',
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: databaseFile,
      MESSENGER_APP_SECRET: APP_SECRET,
      MESSENGER_VERIFY_TOKEN: 'bench-verify-token',
      MESSENGER_PAGES: `${PAGE_ID}:${PAGE_TOKEN}`,
      MESSENGER_GRAPH_URL: graph.url,
      MESSENGER_GDPR_KEYS: `b1:${randomBytes(32).toString('base64')}`,
      PUBLIC_URL: 'http://127.0.0.1:1337',
      BENCH_OUT_DIR: profileDir,
      BENCH_SQLITE_WAL: options.sqliteWal ? 'true' : 'false',
    });
    console.log(
      `  host app up on ${host.url} in ${fixed((performance.now() - bootStarted) / 1000, 1)} s (pid ${host.pid}), Graph emulator on ${graph.url}`,
    );
    client = httpClient(host.url, concurrency);
    const events = createEventSource();
    let receipts = 0;

    // Warm-up: every path once, JIT and SQLite caches.
    console.log('\n▸ warm-up');
    const token = await host.ask<string>({ type: 'api-token' });
    const warmBodies = Array.from({ length: WARMUP_BATCHES }, () => events.body(BATCH_SIZE));
    await postWebhooks(client, warmBodies, concurrency);
    receipts += WARMUP_BATCHES;
    for (let i = 0; i < SINGLE_WARMUP; i += 1) {
      await postWebhooks(client, [events.body(1)], 1);
      receipts += 1;
    }
    await restCreates(client, token, REST_WARMUP, concurrency, 0);
    await waitProcessed(host, receipts);
    await waitForOffers(graph, Math.min(events.made(), PSID_POOL));
    console.log(
      `  ${fixed(events.made())} events and ${REST_WARMUP} REST creates, all processed; ${fixed(graph.sent().length)} Subscribe offers sent to the emulator`,
    );

    // 1. Batches of 100.
    const firstMeasured = events.made();
    const batchBodies = Array.from({ length: MEASURED_BATCHES }, () => events.body(BATCH_SIZE));
    const batchEvents = MEASURED_BATCHES * BATCH_SIZE;
    const firstContacts = Array.from({ length: batchEvents }, (_, i) => firstMeasured + i).filter(
      (n) => n < PSID_POOL,
    ).length;
    const offersBefore = graph.sent().length;
    console.log(
      `\n▸ batches: ${MEASURED_BATCHES} POSTs × ${BATCH_SIZE} events = ${fixed(batchEvents)} events (${fixed(firstContacts)} first contacts, answered with a Subscribe offer; ${fixed(batchEvents - firstContacts)} from known people), ${concurrency} in flight`,
    );
    if (options.profile) {
      await host.ask({ type: 'profile-start' });
    }
    const batchCpu = await host.ask<Cpu>({ type: 'cpu' });
    const batchStart = performance.now();
    const batchTimes = await postWebhooks(client, batchBodies, concurrency);
    const batchPosted = performance.now();
    receipts += MEASURED_BATCHES;
    const batchDone = await waitProcessed(host, receipts);
    const batchCpuUsed = cpuSince(batchCpu, await host.ask<Cpu>({ type: 'cpu' }));
    const profile = options.profile
      ? await host.ask<ProfileSummary>({ type: 'profile-stop', label: 'webhook-batches' })
      : undefined;

    const eventsPerSecond = batchEvents / ((batchDone - batchStart) / 1000);
    const acceptedPerSecond = batchEvents / ((batchPosted - batchStart) / 1000);
    console.log(
      `  end to end (first POST → every receipt processed): ${fixed(eventsPerSecond)} events/s in ${fixed((batchDone - batchStart) / 1000, 2)} s   [target ≥ ${fixed(TARGET_EVENTS_PER_S)}: ${verdict(eventsPerSecond >= TARGET_EVENTS_PER_S)}]`,
    );
    console.log(
      `  POSTs alone (accepted and answered 200): ${fixed(acceptedPerSecond)} events/s = ${fixed(MEASURED_BATCHES / ((batchPosted - batchStart) / 1000), 1)} POSTs/s in ${fixed((batchPosted - batchStart) / 1000, 2)} s`,
    );
    console.log(`  batch POST latency: ${latencies(batchTimes)}`);
    console.log(
      `  host CPU: ${cpuPer(batchCpuUsed, batchEvents, 'event')}, ${fixed((100 * (batchCpuUsed.user + batchCpuUsed.system)) / (batchDone - batchStart))} % of one core over the phase`,
    );

    // 2. Single-event POSTs, one after the other.
    console.log(`\n▸ single-event POSTs: ${SINGLE_MEASURED}, sequential`);
    const singleBodies = Array.from({ length: SINGLE_MEASURED }, () => events.body(1));
    if (options.profile) {
      await host.ask({ type: 'profile-start' });
    }
    const singleCpu = await host.ask<Cpu>({ type: 'cpu' });
    const singleStart = performance.now();
    const singleTimes: number[] = [];
    for (const raw of singleBodies) {
      singleTimes.push(...(await postWebhooks(client, [raw], 1)));
    }
    const singlePosted = performance.now();
    receipts += SINGLE_MEASURED;
    const singleDone = await waitProcessed(host, receipts);
    const singleCpuUsed = cpuSince(singleCpu, await host.ask<Cpu>({ type: 'cpu' }));
    const singleProfile = options.profile
      ? await host.ask<ProfileSummary>({ type: 'profile-stop', label: 'webhook-singles' })
      : undefined;
    const p99 = percentile(singleTimes, 99);
    console.log(
      `  POST latency: ${latencies(singleTimes)}   [target p99 ≤ ${TARGET_P99_MS} ms: ${verdict(p99 <= TARGET_P99_MS)}]`,
    );
    console.log(
      `  ${fixed(SINGLE_MEASURED / ((singlePosted - singleStart) / 1000))} POSTs/s; the last one processed ${ms(singleDone - singlePosted)} after its answer (poll step ${POLL_MS} ms)`,
    );
    console.log(`  host CPU: ${cpuPer(singleCpuUsed, SINGLE_MEASURED, 'event')}`);

    // 3. Strapi's own REST create, same concurrency.
    console.log(
      `\n▸ Strapi REST create: up to ${fixed(REST_MEASURED)} × POST ${REST} in ${REST_MAX_SECONDS} s (text + JSON, full-access API token), ${concurrency} in flight`,
    );
    if (options.profile) {
      await host.ask({ type: 'profile-start' });
    }
    const restCpu = await host.ask<Cpu>({ type: 'cpu' });
    const restStart = performance.now();
    const restTimes = await restCreates(
      client,
      token,
      REST_MEASURED,
      concurrency,
      REST_WARMUP,
      restStart + REST_MAX_SECONDS * 1000,
    );
    const restSeconds = (performance.now() - restStart) / 1000;
    const restCpuUsed = cpuSince(restCpu, await host.ask<Cpu>({ type: 'cpu' }));
    const restProfile = options.profile
      ? await host.ask<ProfileSummary>({ type: 'profile-stop', label: 'rest-creates' })
      : undefined;
    const restPerSecond = restTimes.length / restSeconds;
    const ratio = eventsPerSecond / restPerSecond;
    console.log(
      `  ${fixed(restTimes.length)} creates in ${fixed(restSeconds, 2)} s: ${fixed(restPerSecond)} creates/s; latency ${latencies(restTimes)}`,
    );
    console.log(`  host CPU: ${cpuPer(restCpuUsed, restTimes.length, 'create')}`);
    console.log(
      `  plugin events/s ÷ REST creates/s = ${fixed(eventsPerSecond)} ÷ ${fixed(restPerSecond)} = ${fixed(ratio, 2)}×   [target ≥ ${TARGET_RATIO}×: ${verdict(ratio >= TARGET_RATIO)}]`,
    );

    // Every event did what it should, or the figures mean nothing.
    await waitForOffers(graph, offersBefore + firstContacts);
    const counts = await host.ask<{
      receipts: number;
      events: number;
      subscribers: number;
      benchRecords: number;
    }>({ type: 'counts' });
    const expectedEvents = events.made();
    const expectedSubscribers = Math.min(PSID_POOL, expectedEvents);
    const problems = [
      counts.receipts !== receipts && `${counts.receipts} receipts, expected ${receipts}`,
      counts.events !== expectedEvents &&
        `${counts.events} events applied, expected ${expectedEvents}`,
      counts.subscribers !== expectedSubscribers &&
        `${counts.subscribers} subscribers, expected ${expectedSubscribers}`,
      counts.benchRecords !== REST_WARMUP + restTimes.length &&
        `${counts.benchRecords} REST records, expected ${REST_WARMUP + restTimes.length}`,
      graph.sent().length - offersBefore !== firstContacts &&
        `${graph.sent().length - offersBefore} Subscribe offers during the batches, expected ${firstContacts}`,
    ].filter((problem): problem is string => typeof problem === 'string');
    if (problems.length > 0) {
      throw new Error(`the run is not sound: ${problems.join('; ')}`);
    }
    console.log(
      `\n▸ checks: ${fixed(counts.receipts)} receipts, ${fixed(counts.events)} events applied, ${fixed(counts.subscribers)} subscribers, ${fixed(graph.sent().length)} Subscribe offers, ${fixed(counts.benchRecords)} REST records: as expected`,
    );

    if (profile) {
      printProfile('the measured batch phase', profile, batchEvents);
    }
    if (singleProfile) {
      printProfile('the single-event phase', singleProfile, SINGLE_MEASURED);
    }
    if (restProfile) {
      printProfile('the REST create phase', restProfile, restTimes.length);
    }

    client.close();
    client = undefined;
    await host.stop();
    host = undefined;
    const leaks = plaintextPsids(databaseFile);
    console.log(
      leaks === 0
        ? '  no PSID in plaintext in the SQLite file'
        : `  WARNING: ${leaks} PSIDs in plaintext in the SQLite file`,
    );

    console.log(`  machine load average at the end: ${loadAverage()}`);
    console.log(`  4 KiB write + fsync beside the database: ${fsyncProbe(runDir)}`);

    console.log('\n▸ summary');
    console.log(
      `  100-event batches, end to end: ${fixed(eventsPerSecond)} events/s   target ≥ ${fixed(TARGET_EVENTS_PER_S)}: ${verdict(eventsPerSecond >= TARGET_EVENTS_PER_S)}`,
    );
    console.log(`  100-event batches, POSTs alone: ${fixed(acceptedPerSecond)} events/s`);
    console.log(
      `  vs Strapi REST create: ${fixed(ratio, 2)}×   target ≥ ${TARGET_RATIO}×: ${verdict(ratio >= TARGET_RATIO)}`,
    );
    console.log(
      `  single-event POST p99: ${ms(p99)}   target ≤ ${TARGET_P99_MS} ms: ${verdict(p99 <= TARGET_P99_MS)}`,
    );

    return { value: Math.round(eventsPerSecond), unit: 'events/s' };
  } finally {
    client?.close();
    await host?.stop();
    await graph.close();
    rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
  }
};
