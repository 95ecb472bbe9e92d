import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface HttpResult {
  status: number;
  body: string;
  /** From the call to the last byte of the answer. */
  ms: number;
}

export interface HttpClient {
  post: (path: string, body: string, headers?: Record<string, string>) => Promise<HttpResult>;
  close: () => void;
}

/** Requests that take longer than this are an error, not a measurement. */
const REQUEST_TIMEOUT_MS = 30_000;

/** A keep-alive HTTP client for one server on 127.0.0.1, with at most `sockets` connections. */
export const httpClient = (baseUrl: string, sockets: number): HttpClient => {
  const url = new URL(baseUrl);
  if (url.hostname !== '127.0.0.1') {
    throw new Error(`benchmarks only talk to 127.0.0.1, not ${url.hostname}`);
  }
  // Idle sockets are dropped after 4 s, before the server's 5 s keep-alive timeout can close
  // one under a new request ("socket hang up").
  const agent = new Agent({
    keepAlive: true,
    maxSockets: sockets,
    maxFreeSockets: sockets,
    timeout: 4000,
  });

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    new Promise<HttpResult>((resolve, reject) => {
      const started = performance.now();
      const call = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path,
          agent,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
            ...headers,
          },
          timeout: REQUEST_TIMEOUT_MS,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - started,
            }),
          );
        },
      );
      call.on('timeout', () => call.destroy(new Error(`POST ${path} timed out`)));
      call.on('error', (error) => reject(new Error(`POST ${path}: ${error.message}`)));
      call.end(body);
    });

  return { post, close: () => agent.destroy() };
};

/**
 * Runs `count` jobs with at most `concurrency` in flight, in index order, starting none after
 * `deadline` (a performance.now() time). Resolves with how many ran; rejects on the first
 * failure, after the jobs already in flight have settled.
 */
export const runConcurrent = async (
  count: number,
  concurrency: number,
  job: (index: number) => Promise<void>,
  deadline = Number.POSITIVE_INFINITY,
): Promise<number> => {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < count && performance.now() < deadline) {
      const index = next;
      next += 1;
      try {
        await job(index);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failure !== undefined) {
    throw failure;
  }
  return next;
};

/** Nearest-rank percentile of a list of numbers. */
export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
};
