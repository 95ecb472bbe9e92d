import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A small stand-in for the Graph API on 127.0.0.1: it records every Send API call and answers
 * with success, or with one of the errors in tests/fixtures/graph when told to.
 *
 * Control routes, for the demo and the browser tests:
 *   GET    /_emulator/calls      every recorded call (tokens masked to their last 4 characters)
 *   DELETE /_emulator/calls      forget them (and every planned failure)
 *   POST   /_emulator/failures   { "recipient": "<psid>" | "*", "error": "<fixture>", "times": 1 }
 */

export const GRAPH_ERRORS = [
  'error-invalid-token',
  'error-no-matching-user',
  'error-outside-window',
  'error-page-restricted',
  'error-rate-limit',
  'error-temporary',
  'error-user-unavailable',
] as const;

export type GraphErrorName = (typeof GRAPH_ERRORS)[number];

export interface RecordedCall {
  kind: 'send' | 'profile';
  /** The Page for a send; the PSID looked up for a profile. */
  pageId: string;
  version: string;
  /** The bearer token or `access_token` the call carried. */
  token: string | null;
  recipientId: string | null;
  body: Record<string, unknown>;
  status: number;
  at: number;
}

interface PlannedFailure {
  recipient: string;
  error: GraphErrorName;
  remaining: number;
}

export interface GraphEmulator {
  url: string;
  calls: () => RecordedCall[];
  /** Successful sends only: what subscribers would have seen. */
  sent: () => RecordedCall[];
  fail: (recipient: string, error: GraphErrorName, times?: number) => void;
  reset: () => void;
  close: () => Promise<void>;
}

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'graph', `${name}.json`), 'utf8'));

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const reply = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
};

/** Invented names the User Profile API answers with, unless told otherwise. */
export const DEFAULT_PROFILE = { first_name: 'Ottilie', last_name: 'Brannigan' };

export interface EmulatorOptions {
  /** PSID → the profile to answer with. */
  profiles?: Record<string, { first_name: string; last_name: string }>;
  port?: number;
  /** Page id → token the emulator accepts; calls with any other token get error 190. */
  tokens?: Record<string, string>;
  /** Milliseconds each Send API answer waits, to look like a network. */
  latencyMs?: number;
}

export const startGraphEmulator = async (options: EmulatorOptions = {}): Promise<GraphEmulator> => {
  const calls: RecordedCall[] = [];
  let failures: PlannedFailure[] = [];
  let counter = 0;

  const takeFailure = (recipient: string | null): GraphErrorName | undefined => {
    const planned = failures.find(
      (failure) =>
        failure.remaining > 0 && (failure.recipient === '*' || failure.recipient === recipient),
    );
    if (!planned) {
      return undefined;
    }
    planned.remaining -= 1;
    failures = failures.filter((failure) => failure.remaining > 0);
    return planned.error;
  };

  const handleSend = async (
    request: IncomingMessage,
    response: ServerResponse,
    version: string,
    pageId: string,
    url: URL,
  ) => {
    const raw = await readBody(request);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return reply(response, 400, {
        error: { message: 'Malformed JSON', type: 'OAuthException', code: 100 },
      });
    }

    const authorization = request.headers.authorization;
    const token = authorization?.startsWith('Bearer ')
      ? authorization.slice('Bearer '.length)
      : url.searchParams.get('access_token');
    const recipientId = ((body.recipient as { id?: string } | undefined)?.id ?? null) as
      string | null;

    let status = 200;
    let answer: unknown;
    const expectedToken = options.tokens?.[pageId];
    const failure =
      expectedToken !== undefined && token !== expectedToken
        ? 'error-invalid-token'
        : takeFailure(recipientId);

    if (failure) {
      status = 400;
      answer = fixture(failure);
    } else if (!recipientId || !body.message || !body.messaging_type) {
      status = 400;
      answer = {
        error: {
          message: '(#100) recipient, message and messaging_type are required',
          type: 'OAuthException',
          code: 100,
        },
      };
    } else {
      counter += 1;
      answer = {
        recipient_id: recipientId,
        message_id: `m_emulated_${String(counter).padStart(6, '0')}`,
      };
    }

    calls.push({ kind: 'send', pageId, version, token, recipientId, body, status, at: Date.now() });
    if (options.latencyMs) {
      await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    }
    reply(response, status, answer);
  };

  /** The User Profile API: answers only the fields asked for, as Graph does. */
  const handleProfile = (
    request: IncomingMessage,
    response: ServerResponse,
    version: string,
    psid: string,
    url: URL,
  ) => {
    const authorization = request.headers.authorization;
    const token = authorization?.startsWith('Bearer ')
      ? authorization.slice('Bearer '.length)
      : url.searchParams.get('access_token');
    const fields = (url.searchParams.get('fields') ?? 'first_name,last_name').split(',');
    const profile = {
      id: psid,
      ...(options.profiles?.[psid] ?? DEFAULT_PROFILE),
      profile_pic: `https://profile.example.test/${psid}.jpg`,
      gender: 'unspecified',
      timezone: 1,
      locale: 'de_DE',
    };
    const answer = Object.fromEntries(
      Object.entries(profile).filter(([key]) => key === 'id' || fields.includes(key)),
    );
    calls.push({
      kind: 'profile',
      pageId: psid,
      version,
      token,
      recipientId: psid,
      body: { fields },
      status: 200,
      at: Date.now(),
    });
    reply(response, 200, answer);
  };

  const handleControl = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    if (url.pathname === '/_emulator/calls' && request.method === 'GET') {
      // Page tokens are secrets: over HTTP (the demo tells people to curl this) they are masked.
      const listed = calls.map((call) => ({
        ...call,
        token: call.token === null ? null : `…${call.token.slice(-4)}`,
      }));
      return reply(response, 200, { calls: listed });
    }
    if (url.pathname === '/_emulator/calls' && request.method === 'DELETE') {
      calls.length = 0;
      failures = [];
      return reply(response, 200, { ok: true });
    }
    if (url.pathname === '/_emulator/failures' && request.method === 'POST') {
      const planned = JSON.parse(await readBody(request)) as Partial<PlannedFailure> & {
        times?: number;
      };
      if (!planned.error || !GRAPH_ERRORS.includes(planned.error)) {
        return reply(response, 400, { error: `error must be one of ${GRAPH_ERRORS.join(', ')}` });
      }
      failures.push({
        recipient: planned.recipient ?? '*',
        error: planned.error,
        remaining: planned.times ?? 1,
      });
      return reply(response, 200, { ok: true });
    }
    return reply(response, 404, { error: 'Unknown emulator route' });
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const send = /^\/(v\d+\.\d+)\/(\d+|me)\/messages$/.exec(url.pathname);
    const profile = /^\/(v\d+\.\d+)\/(\d+)$/.exec(url.pathname);

    const work =
      send && request.method === 'POST'
        ? handleSend(request, response, send[1], send[2], url)
        : profile && request.method === 'GET'
          ? Promise.resolve(handleProfile(request, response, profile[1], profile[2], url))
          : url.pathname.startsWith('/_emulator/')
            ? handleControl(request, response, url)
            : Promise.resolve(
                reply(response, 404, { error: { message: 'Unknown path', code: 803 } }),
              );

    work.catch(() => reply(response, 500, { error: { message: 'Emulator failure', code: 1 } }));
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls: () => [...calls],
    sent: () => calls.filter((call) => call.kind === 'send' && call.status === 200),
    fail: (recipient, error, times = 1) => failures.push({ recipient, error, remaining: times }),
    reset: () => {
      calls.length = 0;
      failures = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
