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

/** The HTTP status of a refused admin request (the fetch client's error, or the error body). */
export const statusOf = (error: unknown): number | undefined => {
  const refused = error as { status?: number; response?: { data?: Partial<ApiErrorBody> } };

  return refused.status ?? refused.response?.data?.error?.status;
};
