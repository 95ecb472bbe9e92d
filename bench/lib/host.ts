import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

import type { HostMessage, HostRequest } from './host-process';

export interface Host {
  url: string;
  pid: number;
  ask: <T>(request: DistributiveOmit<HostRequest, 'id'>) => Promise<T>;
  stop: () => Promise<void>;
}

type DistributiveOmit<T, K extends keyof any> = T extends unknown ? Omit<T, K> : never;

const BOOT_TIMEOUT_MS = 90_000;
const ASK_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/** Prints the host's output, indented, so that it stands apart from the figures. */
const relay = (stream: NodeJS.ReadableStream | null, write: (line: string) => void) => {
  if (stream) {
    createInterface({ input: stream }).on('line', (line) => write(`    [host] ${line}`));
  }
};

/** Boots the host app in a child process with exactly `env` (plus PATH and HOME). */
export const startHost = async (env: Record<string, string>, execArgv: string[] = []) => {
  const child: ChildProcess = fork(path.join(__dirname, 'host-process.ts'), [], {
    execArgv: ['-r', 'esbuild-register', ...execArgv],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  relay(child.stdout, (line) => console.log(line));
  relay(child.stderr, (line) => console.error(line));

  const pending = new Map<number, { resolve: (value: any) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited: string | undefined;
  let stopping = false;

  const exit = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = `the host app exited (${code ?? signal})`;
      if (!stopping) {
        console.error(`    [host] exited unexpectedly: ${code ?? signal}`);
      }
      for (const waiter of pending.values()) {
        waiter.reject(new Error(exited));
      }
      pending.clear();
      resolve();
    });
  });

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the host app did not start within ${BOOT_TIMEOUT_MS / 1000} s`)),
      BOOT_TIMEOUT_MS,
    );
    child.on('message', (message: HostMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.port);
        return;
      }
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) {
        waiter?.resolve(message.result);
      } else {
        waiter?.reject(new Error(`host: ${message.error}`));
      }
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(exited));
    });
  });

  const ask = <T>(request: DistributiveOmit<HostRequest, 'id'>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (exited) {
        reject(new Error(exited));
        return;
      }
      const id = nextId;
      nextId += 1;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`host did not answer "${request.type}" within ${ASK_TIMEOUT_MS} ms`));
      }, ASK_TIMEOUT_MS);
      pending.set(id, {
        resolve: (value: T) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      child.send({ ...request, id });
    });

  const stop = async () => {
    if (exited) {
      return;
    }
    stopping = true;
    child.send({ type: 'stop', id: 0 });
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exit;
    clearTimeout(timer);
  };

  return { url: `http://127.0.0.1:${port}`, pid: child.pid ?? 0, ask, stop } satisfies Host;
};
