import type { Core } from '@strapi/strapi';
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import { z } from 'zod';

import { GraphApiError } from '../graph/errors';
import { getService } from '../utils/get-service';

export interface QuickReply {
  title: string;
  payload: string;
}

export type OutgoingMessage =
  | { text: string; quickReplies?: QuickReply[] }
  | { buttonTemplate: { text: string; buttons: { title: string; payload: string }[] } };

export interface SendOptions {
  messagingType: 'RESPONSE' | 'UPDATE' | 'MESSAGE_TAG';
  tag?: string;
  /** Comes back on the echo; must stay under 1000 characters. */
  metadata?: string;
}

/** Only the names are ever asked for: no picture, gender, locale or timezone. */
const PROFILE_FIELDS = 'first_name,last_name';
const profileSchema = z
  .object({ first_name: z.string().max(200).optional(), last_name: z.string().max(200).optional() })
  .passthrough();

const sendResponseSchema = z.object({ message_id: z.string() }).passthrough();
const errorBodySchema = z
  .object({
    error: z
      .object({ code: z.number().optional(), error_subcode: z.number().optional() })
      .passthrough(),
  })
  .passthrough();

const toGraphMessage = (message: OutgoingMessage) => {
  if ('buttonTemplate' in message) {
    return {
      attachment: {
        type: 'template',
        payload: {
          template_type: 'button',
          text: message.buttonTemplate.text,
          buttons: message.buttonTemplate.buttons.map((button) => ({
            type: 'postback',
            ...button,
          })),
        },
      },
    };
  }

  return {
    text: message.text,
    ...(message.quickReplies?.length
      ? { quick_replies: message.quickReplies.map((reply) => ({ content_type: 'text', ...reply })) }
      : {}),
  };
};

/**
 * The only way the plugin reaches the Graph API: Meta's by default, the emulator in tests and
 * the demo (`MESSENGER_GRAPH_URL`). The Page token travels in the Authorization header so that
 * it never appears in a URL or an access log.
 */
const graphClient = ({ strapi }: { strapi: Core.Strapi }) => {
  let http: AxiosInstance | undefined;

  const client = (): AxiosInstance => {
    const { graphUrl, graphVersion, graphTimeoutMs } = getService(strapi, 'settings').config();
    http ??= axios.create({
      baseURL: `${graphUrl}/${graphVersion}`,
      timeout: graphTimeoutMs,
      headers: { 'Content-Type': 'application/json' },
      // Every status is read below, so that Graph's error body is kept.
      validateStatus: () => true,
    });
    return http;
  };

  return {
    async sendMessage(
      pageId: string,
      psid: string,
      message: OutgoingMessage,
      options: SendOptions,
    ): Promise<{ messageId: string }> {
      const page = getService(strapi, 'settings').page(pageId);

      let response;
      try {
        response = await client().post(
          `/${pageId}/messages`,
          {
            recipient: { id: psid },
            messaging_type: options.messagingType,
            ...(options.tag ? { tag: options.tag } : {}),
            message: {
              ...toGraphMessage(message),
              ...(options.metadata ? { metadata: options.metadata } : {}),
            },
          },
          { headers: { Authorization: `Bearer ${page.token}` } },
        );
      } catch (error) {
        // No answer at all (refused, reset, timed out): retryable.
        throw new GraphApiError({ cause: isAxiosError(error) ? error.code : error });
      }

      if (response.status >= 200 && response.status < 300) {
        const parsed = sendResponseSchema.safeParse(response.data);
        if (parsed.success) {
          return { messageId: parsed.data.message_id };
        }
        throw new GraphApiError({ httpStatus: 502 });
      }

      const body = errorBodySchema.safeParse(response.data);
      throw new GraphApiError({
        code: body.success ? body.data.error.code : undefined,
        subcode: body.success ? body.data.error.error_subcode : undefined,
        httpStatus: response.status,
      });
    },

    /** The person's first and last name from the User Profile API. */
    async getNames(
      pageId: string,
      psid: string,
    ): Promise<{ firstName: string | null; lastName: string | null }> {
      const page = getService(strapi, 'settings').page(pageId);
      let response;
      try {
        response = await client().get(`/${encodeURIComponent(psid)}`, {
          params: { fields: PROFILE_FIELDS },
          headers: { Authorization: `Bearer ${page.token}` },
        });
      } catch (error) {
        throw new GraphApiError({ cause: isAxiosError(error) ? error.code : error });
      }

      const parsed = profileSchema.safeParse(response.data);
      if (response.status !== 200 || !parsed.success) {
        const body = errorBodySchema.safeParse(response.data);
        throw new GraphApiError({
          code: body.success ? body.data.error.code : undefined,
          subcode: body.success ? body.data.error.error_subcode : undefined,
          httpStatus: response.status,
        });
      }
      return { firstName: parsed.data.first_name ?? null, lastName: parsed.data.last_name ?? null };
    },

    /** Tests point the client elsewhere between cases. */
    reset() {
      http = undefined;
    },
  };
};

export default graphClient;
