import { useFetchClient } from '@strapi/strapi/admin';
import { useMemo } from 'react';

import type {
  BroadcastAudienceResponse,
  BroadcastDeliveriesResponse,
  BroadcastResponse,
  CreateBroadcastRequest,
  ListBroadcastsResponse,
} from '../../../plugin/contracts/broadcasts';
import type { ListPagesResponse } from '../../../plugin/contracts/common';
import type {
  ListSubscribersQuery,
  ListSubscribersResponse,
  SubscriberResponse,
} from '../../../plugin/contracts/subscribers';
import { PLUGIN_ID } from '../../../plugin/identity';

/** The admin's one HTTP client for the plugin's routes, typed by the shared contract. */
export const useMessengerApi = () => {
  const { get, post } = useFetchClient();

  return useMemo(
    () => ({
      listPages: async () => (await get<ListPagesResponse>(`/${PLUGIN_ID}/pages`)).data.data,
      listBroadcasts: async () =>
        (await get<ListBroadcastsResponse>(`/${PLUGIN_ID}/broadcasts`)).data.data,
      getBroadcast: async (documentId: string) =>
        (await get<BroadcastResponse>(`/${PLUGIN_ID}/broadcasts/${encodeURIComponent(documentId)}`))
          .data.data,
      /** What became of each recipient, in the order they were planned; references only. */
      listBroadcastDeliveries: async (documentId: string) =>
        (
          await get<BroadcastDeliveriesResponse>(
            `/${PLUGIN_ID}/broadcasts/${encodeURIComponent(documentId)}/deliveries`,
          )
        ).data.data,
      /** How many people a broadcast for the Page would be planned for, and could reach now. */
      getBroadcastAudience: async (pageId: string) =>
        (
          await get<BroadcastAudienceResponse>(`/${PLUGIN_ID}/broadcasts/audience`, {
            params: { pageId },
          })
        ).data.data,
      /** Stores a draft; `send: true` would also start it, which the admin never asks for. */
      createBroadcast: async (request: CreateBroadcastRequest) =>
        (await post<BroadcastResponse>(`/${PLUGIN_ID}/broadcasts`, request)).data.data,
      sendBroadcast: async (documentId: string) =>
        (
          await post<BroadcastResponse>(
            `/${PLUGIN_ID}/broadcasts/${encodeURIComponent(documentId)}/send`,
          )
        ).data.data,
      /** Carries on a halted broadcast once the cause (e.g. the Page token) is fixed. */
      resumeBroadcast: async (documentId: string) =>
        (
          await post<BroadcastResponse>(
            `/${PLUGIN_ID}/broadcasts/${encodeURIComponent(documentId)}/resume`,
          )
        ).data.data,
      /**
       * One page of subscribers; `canReadPersonalData` says whether PSIDs and emails came too.
       * A search term is personal data (a PSID or an email): it goes in a POST body, never in a
       * URL that request logs would keep.
       */
      listSubscribers: async ({ search, ...filters }: ListSubscribersQuery) =>
        search
          ? (
              await post<ListSubscribersResponse>(`/${PLUGIN_ID}/subscribers/search`, {
                ...filters,
                search,
              })
            ).data
          : (await get<ListSubscribersResponse>(`/${PLUGIN_ID}/subscribers`, { params: filters }))
              .data,
      getSubscriber: async (documentId: string) =>
        (
          await get<SubscriberResponse>(
            `/${PLUGIN_ID}/subscribers/${encodeURIComponent(documentId)}`,
          )
        ).data,
      /** Writes a consent withdrawal on the subscriber's behalf, with the admin as evidence. */
      unsubscribeSubscriber: async (documentId: string) =>
        (
          await post<SubscriberResponse>(
            `/${PLUGIN_ID}/subscribers/${encodeURIComponent(documentId)}/unsubscribe`,
          )
        ).data,
    }),
    [get, post],
  );
};
