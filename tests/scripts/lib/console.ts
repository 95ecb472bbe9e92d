/** Short progress lines for the demo and the e2e runner. */
const started = Date.now();

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export const elapsed = () => seconds(Date.now() - started);

export const step = (message: string) => console.log(`▸ ${message}`);

export const detail = (message: string) => console.log(`  ${message}`);

/** Runs `work` between a start line and an end line that says how long it took. */
export const timed = async <T>(message: string, work: () => Promise<T>): Promise<T> => {
  const start = Date.now();
  step(`${message}…`);
  const result = await work();
  detail(`done in ${seconds(Date.now() - start)}`);
  return result;
};

/** An error whose message is enough on its own: printed without a stack trace. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}

export const fail = (error: unknown): never => {
  if (error instanceof UserFacingError) {
    console.error(`\n✖ ${error.message}`);
  } else {
    console.error('\n✖ Unexpected failure:', error);
  }
  process.exit(1);
};
