/**
 * Builds what the demo and the browser tests need: the plugin (`strapi-plugin build`, into
 * dist/) and the host app's admin panel (`strapi build` in tests/app, into tests/app/build/).
 *
 * A build is skipped only when a stamp written after the last successful build says that both
 * its inputs and its outputs are byte for byte what they were then. Anything else (an edited
 * source, another tool rebuilding dist/, a missing stamp) builds again.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { detail, step, UserFacingError } from './console';
import { APP_DIR, ROOT } from './paths';

const STAMPS = path.join(ROOT, 'node_modules', '.cache', 'messenger-gdpr-scripts');
const BIN = path.join(ROOT, 'node_modules', '.bin');

const filesUnder = (target: string): string[] => {
  if (!existsSync(target)) {
    return [];
  }
  if (!statSync(target).isDirectory()) {
    return [target];
  }
  return readdirSync(target, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules')
    .flatMap((entry) => filesUnder(path.join(target, entry.name)));
};

/** One digest over the relative paths and contents of every file under `targets`. */
const digest = (targets: string[], extra = ''): string => {
  const hash = createHash('sha256').update(extra);
  const files = targets.flatMap((target) => filesUnder(path.join(ROOT, target))).sort();
  for (const file of files) {
    hash.update(`\0${path.relative(ROOT, file)}\0`);
    hash.update(readFileSync(file));
  }
  return `${files.length}:${hash.digest('hex')}`;
};

interface Target {
  name: string;
  inputs: string[];
  outputs: string[];
  /** What else shapes the output (settings baked into a bundle). */
  extra?: string;
  command: string;
  args: string[];
  cwd: string;
}

interface Stamp {
  inputs: string;
  outputs: string;
}

const stampFile = (target: Target) => path.join(STAMPS, `${target.name}.json`);

const readStamp = (target: Target): Stamp | undefined => {
  try {
    return JSON.parse(readFileSync(stampFile(target), 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
};

/**
 * The builds see the caller's environment minus what would change the bundle behind the stamps'
 * back: the admin panel is served from the app's own origin, at /admin, whatever PUBLIC_URL the
 * server later runs with.
 */
const buildEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' };
  delete env.PUBLIC_URL;
  delete env.FORCE_COLOR;
  return env;
};

/** Runs a command quietly; its output is shown only if it fails. */
const run = (command: string, args: string[], cwd: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: buildEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) {
        resolve();
        return;
      }
      process.stderr.write(Buffer.concat(output));
      reject(
        new UserFacingError(
          `\`${path.basename(command)} ${args.join(' ')}\` (in ${path.relative(ROOT, cwd) || '.'}) failed with exit code ${code}; its output is above.`,
        ),
      );
    });
  });

const build = async (target: Target, label: string, force: boolean): Promise<void> => {
  const inputs = digest(target.inputs, target.extra);
  const stamp = readStamp(target);
  if (!force && stamp && stamp.inputs === inputs && stamp.outputs === digest(target.outputs)) {
    step(`${label}: up to date`);
    return;
  }

  const start = Date.now();
  step(`${label}…`);
  await run(target.command, target.args, target.cwd);
  mkdirSync(STAMPS, { recursive: true });
  writeFileSync(
    stampFile(target),
    JSON.stringify({ inputs, outputs: digest(target.outputs) } satisfies Stamp),
  );
  detail(`built in ${((Date.now() - start) / 1000).toFixed(1)} s`);
};

export const PLUGIN_BUILD: Target = {
  name: 'plugin',
  inputs: [
    'plugin',
    'server/src',
    'admin/src',
    'strapi-server.ts',
    'strapi-admin.ts',
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'tsconfig.build.json',
  ],
  outputs: ['dist'],
  command: path.join(BIN, 'strapi-plugin'),
  args: ['build', '--silent'],
  cwd: ROOT,
};

export const ADMIN_BUILD: Target = {
  name: 'admin',
  inputs: [
    // The host bundles the plugin's admin from its build output (package.json exports).
    'dist/admin',
    'package-lock.json',
    'tests/app/config',
    'tests/app/src',
    'tests/app/package.json',
    'tests/app/tsconfig.json',
  ],
  outputs: ['tests/app/build'],
  // The bundle bakes in the admin path and every STRAPI_ADMIN_* variable.
  extra: JSON.stringify(
    Object.entries(process.env)
      .filter(([name]) => name.startsWith('STRAPI_ADMIN_'))
      .sort(),
  ),
  command: path.join(BIN, 'strapi'),
  args: ['build'],
  cwd: APP_DIR,
};

export interface BuildOptions {
  /** Build even when the stamps say everything is up to date. */
  force?: boolean;
}

/** The plugin first (the admin panel bundles its output), then the admin panel. */
export const buildAll = async ({ force = false }: BuildOptions = {}): Promise<void> => {
  if (!existsSync(path.join(BIN, 'strapi-plugin')) || !existsSync(path.join(BIN, 'strapi'))) {
    throw new UserFacingError(
      'The Strapi command-line tools are missing: run `npm install` first.',
    );
  }
  await build(PLUGIN_BUILD, 'Building the plugin (strapi-plugin build)', force);
  await build(ADMIN_BUILD, 'Building the admin panel (strapi build in tests/app)', force);
};
