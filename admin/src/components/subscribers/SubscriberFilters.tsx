import {
  Box,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  TextInput,
} from '@strapi/design-system';
import { Cross, Search } from '@strapi/icons';
import { type FormEvent, useEffect, useState } from 'react';

import type { PageSummary } from '../../../../plugin/contracts/common';
import type { SubscriberStatus } from '../../../../plugin/contracts/subscribers';
import { useTranslate } from '../../utils/translations';

export const SUBSCRIBER_STATUSES: SubscriberStatus[] = ['pending', 'subscribed', 'unsubscribed'];

export interface SubscriberFilterValues {
  search: string;
  status: SubscriberStatus | null;
  pageId: string | null;
}

interface Props {
  values: SubscriberFilterValues;
  pages: PageSummary[];
  onChange: (change: Partial<SubscriberFilterValues>) => void;
}

/**
 * Search and filters above the subscribers table. The search runs when submitted, not on each
 * key: a blind index finds whole values only, so a half-typed PSID would just find nobody.
 */
export const SubscriberFilters = ({ values, pages, onChange }: Props) => {
  const t = useTranslate();
  const [search, setSearch] = useState(values.search);

  // The URL is the source of truth: follow it when it changes (back button, "clear filters").
  useEffect(() => {
    setSearch(values.search);
  }, [values.search]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ search: search.trim() });
  };

  const clear = () => {
    setSearch('');
    onChange({ search: '' });
  };

  return (
    <Flex gap={4} alignItems="flex-start" wrap="wrap" width="100%">
      <Box
        tag="form"
        role="search"
        onSubmit={submit}
        style={{ flex: '1 1 36rem', maxWidth: '56rem' }}
      >
        <Field.Root name="search" hint={t('subscribers.search.hint')}>
          <Field.Label>{t('subscribers.search.label')}</Field.Label>
          <TextInput
            value={search}
            placeholder={t('subscribers.search.placeholder')}
            startAction={<Search fill="neutral500" />}
            endAction={
              search ? (
                <Field.Action label={t('subscribers.search.clear')} onClick={clear}>
                  <Cross />
                </Field.Action>
              ) : undefined
            }
            onChange={(event) => setSearch(event.target.value)}
          />
          <Field.Hint />
        </Field.Root>
      </Box>
      <Box style={{ flex: '0 0 20rem' }}>
        <Field.Root name="status">
          <Field.Label>{t('subscribers.filter.status')}</Field.Label>
          <SingleSelect
            value={values.status ?? ''}
            placeholder={t('subscribers.filter.status.all')}
            onChange={(value) => onChange({ status: value as SubscriberStatus })}
            onClear={values.status ? () => onChange({ status: null }) : undefined}
            clearLabel={t('subscribers.filter.clear')}
          >
            {SUBSCRIBER_STATUSES.map((status) => (
              <SingleSelectOption key={status} value={status}>
                {t(`subscribers.status.${status}`)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      </Box>
      {/* Without the Pages (the role may not read them) there is nothing to choose from. */}
      {pages.length === 0 ? null : (
        <Box style={{ flex: '0 0 24rem' }}>
          <Field.Root name="pageId">
            <Field.Label>{t('subscribers.filter.page')}</Field.Label>
            <SingleSelect
              value={values.pageId ?? ''}
              placeholder={t('subscribers.filter.page.all')}
              onChange={(value) => onChange({ pageId: String(value) })}
              onClear={values.pageId ? () => onChange({ pageId: null }) : undefined}
              clearLabel={t('subscribers.filter.clear')}
            >
              {pages.map((page) => (
                <SingleSelectOption key={page.id} value={page.id}>
                  {page.name}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Box>
      )}
    </Flex>
  );
};
