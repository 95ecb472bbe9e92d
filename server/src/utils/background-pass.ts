/**
 * One background pass at a time per instance. A call while a pass runs asks for one more pass
 * after it, so a wake-up is never lost; after stop() nothing starts any more. The database keys
 * and leases, not this, keep several instances from doing the same work twice.
 */
export const backgroundPass = (pass: () => Promise<unknown>, onError: (error: unknown) => void) => {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  return {
    run(): Promise<void> {
      if (stopped) {
        return Promise.resolve();
      }
      if (running) {
        again = true;
        return running;
      }

      running = (async () => {
        try {
          do {
            again = false;
            await pass();
          } while (again && !stopped);
        } catch (error) {
          onError(error);
        } finally {
          running = undefined;
        }
      })();
      return running;
    },

    stopped: () => stopped,

    stop(): Promise<void> {
      stopped = true;
      return running ?? Promise.resolve();
    },
  };
};
