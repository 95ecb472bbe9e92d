/**
 * `npm run bench -- <name> [options]`: runs one benchmark, prints its figures, and ends with
 * the line `<name>: <value> <unit>`. Exits non-zero on errors, not on missed targets.
 */
type Benchmark = (args: string[]) => Promise<{ value: number; unit: string }>;

const BENCHMARKS: Record<string, { describe: string; load: () => Promise<Benchmark> }> = {
  webhook: {
    describe: 'signed webhook batches end to end, single-event latency, vs Strapi REST create',
    // esbuild-register compiles to CommonJS, where import() would bypass it.
    load: async () => (require('./webhook') as typeof import('./webhook')).run,
  },
};

const usage = () =>
  [
    'Usage: npm run bench -- <name> [options]',
    'Available benchmarks:',
    ...Object.entries(BENCHMARKS).map(([name, { describe }]) => `  ${name.padEnd(10)} ${describe}`),
  ].join('\n');

const main = async () => {
  const [name, ...args] = process.argv.slice(2);
  if (!name) {
    console.error(`No benchmark named.\n${usage()}`);
    process.exit(2);
  }
  const benchmark = Object.hasOwn(BENCHMARKS, name) ? BENCHMARKS[name] : undefined;
  if (!benchmark) {
    console.error(`Unknown benchmark "${name}".\n${usage()}`);
    process.exit(2);
  }

  try {
    const result = await (await benchmark.load())(args);
    console.log(`${name}: ${result.value} ${result.unit}`);
    process.exit(0);
  } catch (error) {
    console.error(
      `\n${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  }
};

void main();
