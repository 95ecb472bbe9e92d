import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<true>();

/**
 * The one context in which consent rows may be deleted: an erasure. Everything else that
 * tries to change the ledger is refused by the lifecycle guard.
 */
export const consentErasure = {
  run: <T>(work: () => Promise<T>): Promise<T> => storage.run(true, work),
  active: (): boolean => storage.getStore() === true,
};
