import { useFetchClient } from '@strapi/strapi/admin';
import { useMemo } from 'react';

import type {
  BroadcastResponse,
  CreateBroadcastRequest,
  ListBroadcastsResponse,
} from '../../../plugin/contracts/broadcasts';
import type { ListPagesResponse } from '../../../plugin/contracts/common';
import { PLUGIN_ID } from '../../../plugin/identity';

/** The admin's one HTTP client for the plugin's routes, typed by the shared contract. */
export const useMessengerApi = () => {
  const { get, post } = useFetchClient();

  return useMemo(
    () => ({
      listPages: async () => (await get<ListPagesResponse>(`/${PLUGIN_ID}/pages`)).data.data,
      listBroadcasts: async () =>
        (await get<ListBroadcastsResponse>(`/${PLUGIN_ID}/broadcasts`)).data.data,
      createBroadcast: async (request: CreateBroadcastRequest) =>
        (await post<BroadcastResponse>(`/${PLUGIN_ID}/broadcasts`, request)).data.data,
      sendBroadcast: async (documentId: string) =>
        (await post<BroadcastResponse>(`/${PLUGIN_ID}/broadcasts/${documentId}/send`)).data.data,
    }),
    [get, post],
  );
};
