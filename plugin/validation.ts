import { z } from 'zod';

/**
 * Limits of the Messenger platform that the admin form and the server both enforce.
 * A broadcast is sent as a button template (its text is limited to 640 characters) so that
 * every message carries the unsubscribe button.
 */
export const MESSAGE_LIMITS = {
  buttonTemplateText: 640,
  title: 120,
  quickReplies: 13,
  quickReplyTitle: 20,
} as const;

const pageId = z
  .string()
  .trim()
  .regex(/^\d{1,32}$/, 'A Facebook Page id is made of digits only');

const messageText = z
  .string()
  .trim()
  .min(1, 'The message text is empty')
  .max(
    MESSAGE_LIMITS.buttonTemplateText,
    `The message text is longer than ${MESSAGE_LIMITS.buttonTemplateText} characters`,
  );

export const broadcastInputSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, 'The title is empty')
      .max(MESSAGE_LIMITS.title, `The title is longer than ${MESSAGE_LIMITS.title} characters`),
    text: messageText,
    pageId,
  })
  .strict();

export type BroadcastInput = z.infer<typeof broadcastInputSchema>;

/** Turns zod issues into `{ path: message }`, the shape the admin form shows under each field. */
export const issuesByField = (error: z.ZodError): Record<string, string> => {
  const fields: Record<string, string> = {};

  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_';
    fields[path] ??= issue.message;
  }

  return fields;
};

/**
 * Listing and searching subscribers. A search term is personal data (a PSID or an email), so it
 * travels in a POST body, never in a URL that request logs and proxies would keep.
 */
export const listSubscribersQuerySchema = z
  .object({
    search: z.string().trim().max(320).optional(),
    status: z.enum(['pending', 'subscribed', 'unsubscribed']).optional(),
    pageId: pageId.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
