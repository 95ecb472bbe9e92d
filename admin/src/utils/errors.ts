import type { ApiErrorBody } from '../../../plugin/contracts/common';

/** Reads the field errors and message of a refused admin request. */
export const fieldErrorsOf = (
  error: unknown,
): { fields: Record<string, string>; message: string } => {
  const body = (error as { response?: { data?: Partial<ApiErrorBody> } }).response?.data;
  const details = body?.error?.details;

  return {
    fields: (details?.fields as Record<string, string> | undefined) ?? {},
    message:
      body?.error?.message ?? (error instanceof Error ? error.message : 'The request failed'),
  };
};
