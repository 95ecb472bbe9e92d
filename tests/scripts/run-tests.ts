/**
 * `npm test`: builds the plugin, runs the unit and integration suites on the database that
 * DATABASE_CLIENT names (SQLite by default), then searches the SQLite files and the logs the run
 * left for any test personal value in plaintext.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import {
  PSID_PATTERN,
  TEST_EMAILS,
  TEST_MESSAGE_TEXTS,
  TEST_NAMES,
} from '../helpers/personal-data';

const root = path.resolve(__dirname, '..', '..');
const tmp = path.join(root, 'tests', 'app', '.tmp');
const database = process.env.DATABASE_CLIENT ?? 'sqlite';

const run = (command: string, args: string[]) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status ?? 1;
};

const filesUnder = (folder: string): string[] =>
  existsSync(folder)
    ? readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? filesUnder(path.join(folder, entry.name))
          : [path.join(folder, entry.name)],
      )
    : [];

/** Searches raw bytes (free pages of SQLite included) for every test personal value. */
const scanForLeaks = (): string[] => {
  const needles = [...TEST_NAMES, ...TEST_EMAILS, ...TEST_MESSAGE_TEXTS].map((value) =>
    value.toLowerCase(),
  );
  const leaks: string[] = [];

  for (const file of filesUnder(tmp)) {
    const content = readFileSync(file).toString('latin1').toLowerCase();
    const utf8 = readFileSync(file).toString('utf8').toLowerCase();
    if (PSID_PATTERN.test(content) || needles.some((needle) => utf8.includes(needle))) {
      leaks.push(path.relative(root, file));
    }
  }
  return leaks;
};

rmSync(tmp, { recursive: true, force: true });

console.log(`\n▸ Building the plugin`);
if (run('npx', ['strapi-plugin', 'build', '--silent']) !== 0) {
  process.exit(1);
}

console.log(`\n▸ Unit and integration tests on ${database}`);
// Jest does not create the folder of --outputFile; a fresh clone has no .tmp/ yet.
mkdirSync(path.join(root, '.tmp'), { recursive: true });
const resultsFile = path.join(root, '.tmp', `jest-results-${process.pid}.json`);
const jestStatus = run('npx', [
  'jest',
  '--maxWorkers=2',
  '--json',
  `--outputFile=${resultsFile}`,
  ...process.argv.slice(2),
]);

const results = existsSync(resultsFile)
  ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
    })
  : { numPassedTests: 0, numFailedTests: 1 };
rmSync(resultsFile, { force: true });

console.log(`\n▸ Searching the database files and logs of the run for personal data`);
const scanned = filesUnder(tmp).length;
const leaks = scanForLeaks();
if (leaks.length > 0) {
  console.log(`Personal data found in plaintext in: ${leaks.join(', ')}`);
} else {
  console.log(
    `${scanned} files searched (SQLite files and logs): no test personal data in plaintext.`,
  );
}

const failed = results.numFailedTests + (leaks.length > 0 ? 1 : 0);
console.log(`\n${database}: ${results.numPassedTests} passed, ${failed} failed`);
process.exit(jestStatus !== 0 || failed > 0 ? 1 : 0);
