import {
  Button,
  EmptyStateLayout,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, Eye, EyeStriked } from '@strapi/icons';
import { Layouts, Page, Pagination, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

import type { PageSummary } from '../../../plugin/contracts/common';
import type { ListSubscribersResponse } from '../../../plugin/contracts/subscribers';
import {
  SubscriberFilters,
  type SubscriberFilterValues,
} from '../components/subscribers/SubscriberFilters';
import { SubscribersTable } from '../components/subscribers/SubscribersTable';
import { useMessengerApi } from '../utils/api';
import { fieldErrorsOf } from '../utils/errors';
import {
  PAGE_SIZES,
  searchParamsOf,
  type SubscribersListQuery,
  subscribersQueryFrom,
} from '../utils/subscriber-query';
import { useTranslate } from '../utils/translations';

export const SubscribersPage = () => {
  const t = useTranslate();
  const api = useMessengerApi();
  const { toggleNotification } = useNotification();
  const [searchParams, setSearchParams] = useSearchParams();
  const [list, setList] = useState<ListSubscribersResponse | null>(null);
  const [pages, setPages] = useState<PageSummary[]>([]);
  const [failed, setFailed] = useState(false);
  // The search term is a PSID or an email: it stays in memory, out of the URL (see the query).
  const [search, setSearch] = useState('');

  // The query is rebuilt from the URL on each render; its JSON keeps the effects below stable.
  const queryKey = JSON.stringify(subscribersQueryFrom(searchParams));
  const query = useMemo(() => JSON.parse(queryKey) as SubscribersListQuery, [queryKey]);

  const setQuery = (change: Partial<SubscribersListQuery>) => {
    const next = searchParamsOf({ ...query, ...change });
    // A new search on the first page keeps the URL: no history entry for an unchanged address.
    if (next.toString() !== searchParams.toString()) {
      setSearchParams(next);
    }
  };

  const load = useCallback(
    async (isCurrent: () => boolean = () => true) => {
      try {
        const response = await api.listSubscribers({ ...query, search: search || undefined });
        if (isCurrent()) {
          setList(response);
          setFailed(false);
        }
      } catch (error) {
        if (isCurrent()) {
          setFailed(true);
          toggleNotification({ type: 'danger', message: fieldErrorsOf(error).message });
        }
      }
    },
    [api, query, search, toggleNotification],
  );

  useEffect(() => {
    let current = true;
    void load(() => current);
    return () => {
      current = false;
    };
  }, [load]);

  // Page names are a convenience: without them (the role may not read broadcasts, which guard
  // the Pages route) the list still works and shows Page ids.
  useEffect(() => {
    api.listPages().then(setPages, () => setPages([]));
  }, [api]);

  // A list already on screen stays there when a later load fails (the notification says so).
  if (failed && list === null) {
    return <Page.Error />;
  }
  if (list === null) {
    return <Page.Loading />;
  }

  const pageName = (id: string) => pages.find((page) => page.id === id)?.name ?? id;
  const filters: SubscriberFilterValues = {
    search,
    status: query.status ?? null,
    pageId: query.pageId ?? null,
  };
  // A size typed into the URL (the server allows 1 to 100) is offered too, so the select shows it.
  const pageSizes = [...new Set([...PAGE_SIZES, query.pageSize])].sort((a, b) => a - b);
  const filtered = Boolean(search || query.status || query.pageId);

  return (
    <Page.Main>
      <Page.Title>{t('subscribers.title')}</Page.Title>
      <Layouts.Header
        title={t('subscribers.title')}
        subtitle={t('subscribers.subtitle', { total: list.pagination.total })}
        secondaryAction={
          <Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={() => void load()}>
            {t('subscribers.refresh')}
          </Button>
        }
      />
      <Layouts.Action
        startActions={
          <SubscriberFilters
            values={filters}
            pages={pages}
            onChange={(change) => {
              if ('search' in change) {
                setSearch(change.search ?? '');
              }
              setQuery({
                ...('status' in change ? { status: change.status ?? undefined } : {}),
                ...('pageId' in change ? { pageId: change.pageId ?? undefined } : {}),
                page: 1,
              });
            }}
          />
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Flex gap={2}>
            {list.canReadPersonalData ? (
              <Eye fill="neutral500" aria-hidden />
            ) : (
              <EyeStriked fill="neutral500" aria-hidden />
            )}
            <Typography variant="pi" textColor="neutral600">
              {list.canReadPersonalData
                ? t('subscribers.personalDataAudited')
                : t('subscribers.personalDataHidden')}
            </Typography>
          </Flex>
          {list.data.length === 0 ? (
            <EmptyStateLayout
              content={
                search
                  ? t('subscribers.empty.search')
                  : filtered
                    ? t('subscribers.empty.filtered')
                    : t('subscribers.empty')
              }
              action={
                filtered ? (
                  <Button
                    variant="secondary"
                    onClick={() => {
                      setSearch('');
                      setSearchParams(new URLSearchParams());
                    }}
                  >
                    {t('subscribers.filters.reset')}
                  </Button>
                ) : undefined
              }
            />
          ) : (
            <>
              <SubscribersTable
                subscribers={list.data}
                showPersonalData={list.canReadPersonalData}
                pageName={pageName}
              />
              <Pagination.Root
                pageCount={list.pagination.pageCount}
                total={list.pagination.total}
                defaultPageSize={query.pageSize}
              >
                <Flex gap={2}>
                  <SingleSelect
                    size="S"
                    aria-label={t('subscribers.pageSize')}
                    value={String(query.pageSize)}
                    onChange={(value) => setQuery({ pageSize: Number(value), page: 1 })}
                  >
                    {pageSizes.map((size) => (
                      <SingleSelectOption key={size} value={String(size)}>
                        {String(size)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <Typography textColor="neutral600" tag="span">
                    {t('subscribers.pageSize')}
                  </Typography>
                </Flex>
                <Pagination.Links />
              </Pagination.Root>
            </>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
