import { errors } from '@strapi/utils';
import type { z } from 'zod';

import { issuesByField } from '../../../plugin/validation';
import { ConflictError, NotFoundError, PermissionError } from './errors';

/**
 * Translates the plugin's errors into Strapi's HTTP errors, so the admin receives the usual
 * `{ error: { status, name, message, details } }` body. Anything else propagates as a 500.
 */
export const toHttpError = (error: unknown): unknown => {
  if (error instanceof NotFoundError) {
    return new errors.NotFoundError(error.message);
  }
  if (error instanceof PermissionError) {
    // A PolicyError keeps its message: Strapi replaces a plain ForbiddenError's with "Forbidden".
    return new errors.PolicyError(error.message);
  }
  if (error instanceof ConflictError) {
    return new errors.ApplicationError(error.message, { reason: 'conflict' });
  }
  return error;
};

export const validationError = (error: z.ZodError) =>
  new errors.ValidationError('The request is not valid', { fields: issuesByField(error) });

/** Runs a controller step and rethrows plugin errors as HTTP errors. */
export const handled = async <T>(step: () => Promise<T>): Promise<T> => {
  try {
    return await step();
  } catch (error) {
    throw toHttpError(error);
  }
};
