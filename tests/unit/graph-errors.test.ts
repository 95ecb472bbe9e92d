import { readFileSync } from 'node:fs';
import path from 'node:path';

import { classifyGraphError } from '../../server/src/graph/errors';

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'graph', `${name}.json`), 'utf8'))
    .error as {
    code: number;
    error_subcode?: number;
  };

describe('Graph error classification', () => {
  it.each([
    ['error-outside-window', 'recipient', 'outside-window'],
    ['error-user-unavailable', 'recipient', 'recipient-unavailable'],
    ['error-no-matching-user', 'recipient', 'no-matching-user'],
    ['error-page-restricted', 'page', 'page-restricted'],
    ['error-invalid-token', 'page', 'invalid-page-token'],
    ['error-rate-limit', 'retry', 'rate-limited'],
    ['error-temporary', 'retry', 'temporary-error'],
  ])('%s → %s / %s', (name, scope, reason) => {
    const error = fixture(name);
    expect(classifyGraphError(error.code, error.error_subcode, 400)).toEqual({ scope, reason });
  });

  it('retries when Graph did not answer or failed on its side', () => {
    expect(classifyGraphError(undefined, undefined, undefined).scope).toBe('retry');
    expect(classifyGraphError(undefined, undefined, 503).scope).toBe('retry');
  });

  it('halts the Page on permission errors and records unknown refusals per recipient', () => {
    expect(classifyGraphError(200, undefined, 403)).toEqual({
      scope: 'page',
      reason: 'missing-permission',
    });
    expect(classifyGraphError(200, 1545041, 400)).toEqual({
      scope: 'recipient',
      reason: 'recipient-unavailable',
    });
    expect(classifyGraphError(12345, undefined, 400)).toEqual({
      scope: 'recipient',
      reason: 'rejected',
    });
  });
});
