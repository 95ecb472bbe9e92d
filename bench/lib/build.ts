import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

/** What the server bundle is built from. */
const SOURCES = ['server/src', 'plugin', 'strapi-server.ts', 'package.json'];
const BUNDLE = 'dist/server/index.js';

const newestMtime = (target: string): number => {
  if (!existsSync(target)) {
    return 0;
  }
  const stat = statSync(target);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  return readdirSync(target).reduce(
    (newest, entry) => Math.max(newest, newestMtime(path.join(target, entry))),
    stat.mtimeMs,
  );
};

/**
 * The host app loads the plugin from dist/, as an installed package would be: builds it when
 * dist/ is missing or older than any server source. Throws when the build fails.
 */
export const ensurePluginBuild = (log: (line: string) => void): void => {
  const bundle = path.join(ROOT, BUNDLE);
  const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((source) => newestMtime(path.join(ROOT, source))));

  if (built > 0 && built >= sources) {
    log(`plugin build is up to date (${BUNDLE})`);
    return;
  }

  log(
    built === 0 ? 'dist/ is missing: building the plugin' : 'dist/ is stale: building the plugin',
  );
  const started = Date.now();
  const result = spawnSync('npx', ['strapi-plugin', 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    // Only on failure: the builder's output says why.
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n');
    throw new Error(
      `npx strapi-plugin build failed (exit ${result.status ?? result.signal}):\n${output.slice(-40).join('\n')}`,
    );
  }
  log(`plugin built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

/** Which plugin code a run measured: the commit, and whether server or plugin sources differ. */
export const sourceVersion = (): string => {
  const git = (...args: string[]) =>
    spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown commit';
  const dirty = git('status', '--porcelain', '--', ...SOURCES) !== '';
  return dirty ? `${commit} + uncommitted changes in the server sources` : commit;
};
