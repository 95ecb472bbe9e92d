import type { ListSubscribersQuery } from '../../../plugin/contracts/subscribers';
import { listSubscribersQuerySchema } from '../../../plugin/validation';

/** What the list's URL holds: filters and paging, never a search term (see below). */
export type SubscribersListQuery = Omit<ListSubscribersQuery, 'search'> & {
  page: number;
  pageSize: number;
};

export const DEFAULT_PAGE_SIZE = 25;
export const PAGE_SIZES = [10, 25, 50, 100];

const KEYS = ['status', 'pageId', 'page', 'pageSize'] as const;

/**
 * The list's filters and page live in the URL, so that the back button, a reload or a shared
 * link show the same list. The search term does not: it is a PSID or an email, and a URL ends up
 * in the browser's history and in Referer headers. The URL is read with the server's own rules;
 * a hand-edited one that breaks them shows the first page, unfiltered, rather than an error.
 */
export const subscribersQueryFrom = (params: URLSearchParams): SubscribersListQuery => {
  const given = Object.fromEntries(
    KEYS.flatMap((key) => {
      const value = params.get(key)?.trim();
      return value ? [[key, value]] : [];
    }),
  );
  const parsed = listSubscribersQuerySchema.omit({ search: true }).safeParse(given);

  return parsed.success ? parsed.data : { page: 1, pageSize: DEFAULT_PAGE_SIZE };
};

/** The URL parameters of a list query: empty filters and defaults are left out. */
export const searchParamsOf = (query: SubscribersListQuery): URLSearchParams => {
  const params = new URLSearchParams();
  if (query.status) {
    params.set('status', query.status);
  }
  if (query.pageId) {
    params.set('pageId', query.pageId);
  }
  if (query.page > 1) {
    params.set('page', String(query.page));
  }
  if (query.pageSize !== DEFAULT_PAGE_SIZE) {
    params.set('pageSize', String(query.pageSize));
  }

  return params;
};
