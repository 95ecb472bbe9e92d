import { MessengerGdprError } from '../utils/errors';

/**
 * What a failed Send API call means for a broadcaster:
 * - `recipient`: this person cannot be reached now; record it and move on;
 * - `page`: nothing can be sent from this Page (token, restriction, permission); halt;
 * - `retry`: temporary or rate limited; try the same delivery again later.
 */
export type GraphErrorScope = 'recipient' | 'page' | 'retry';

export interface GraphErrorClass {
  scope: GraphErrorScope;
  /** Stable reason shown to editors and stored on the delivery. */
  reason: string;
}

const OUTSIDE_WINDOW_SUBCODES = new Set([2018278, 2534022, 2018065]);
const RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 613]);

export const classifyGraphError = (
  code?: number,
  subcode?: number,
  httpStatus?: number,
): GraphErrorClass => {
  if (code === 10 && subcode !== undefined && OUTSIDE_WINDOW_SUBCODES.has(subcode)) {
    return { scope: 'recipient', reason: 'outside-window' };
  }
  if (code === 10 && subcode === 1893063) {
    return { scope: 'page', reason: 'page-restricted' };
  }
  if (code === 10 && subcode === 2018108) {
    return { scope: 'recipient', reason: 'recipient-unavailable' };
  }
  if (code === 10 && subcode === 1893015) {
    return { scope: 'recipient', reason: 'recipient-stopped-messages' };
  }
  if (code === 551 || subcode === 1545041) {
    return { scope: 'recipient', reason: 'recipient-unavailable' };
  }
  if (code === 100 && subcode === 2018001) {
    return { scope: 'recipient', reason: 'no-matching-user' };
  }
  if (code === 190) {
    return { scope: 'page', reason: 'invalid-page-token' };
  }
  if (code === 368) {
    return { scope: 'page', reason: 'page-temporarily-blocked' };
  }
  if (code !== undefined && code >= 200 && code < 300) {
    return { scope: 'page', reason: 'missing-permission' };
  }
  if (code !== undefined && RATE_LIMIT_CODES.has(code)) {
    return { scope: 'retry', reason: 'rate-limited' };
  }
  if (code === 1 || code === 2 || httpStatus === undefined || httpStatus >= 500) {
    return { scope: 'retry', reason: 'temporary-error' };
  }
  return { scope: 'recipient', reason: 'rejected' };
};

/** A Send API call failed. Carries Graph's code and subcode, never the recipient. */
export class GraphApiError extends MessengerGdprError {
  readonly code?: number;
  readonly subcode?: number;
  readonly httpStatus?: number;
  readonly scope: GraphErrorScope;
  readonly reason: string;

  constructor(details: { code?: number; subcode?: number; httpStatus?: number; cause?: unknown }) {
    const classified = classifyGraphError(details.code, details.subcode, details.httpStatus);
    super(
      `Graph Send API refused the message: ${classified.reason} (code ${details.code ?? 'none'}, subcode ${details.subcode ?? 'none'}, HTTP ${details.httpStatus ?? 'no answer'})`,
      { cause: details.cause },
    );
    this.code = details.code;
    this.subcode = details.subcode;
    this.httpStatus = details.httpStatus;
    this.scope = classified.scope;
    this.reason = classified.reason;
  }
}
