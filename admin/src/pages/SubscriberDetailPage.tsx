import { Flex, Typography } from '@strapi/design-system';
import { BackButton, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';

import type { PageSummary } from '../../../plugin/contracts/common';
import type { SubscriberResponse } from '../../../plugin/contracts/subscribers';
import { PLUGIN_ID } from '../../../plugin/identity';
import { NotFoundPage } from '../components/NotFoundPage';
import { Section } from '../components/Section';
import { ConsentHistoryTable } from '../components/subscribers/ConsentHistoryTable';
import { DeliveriesTable } from '../components/subscribers/DeliveriesTable';
import { SubscriberStatusBadge } from '../components/subscribers/SubscriberBadges';
import { PersonalDataFacts, SubscriptionFacts } from '../components/subscribers/SubscriberFacts';
import { UnsubscribeAction } from '../components/subscribers/UnsubscribeAction';
import { useMessengerApi } from '../utils/api';
import { useFormatTime } from '../utils/dates';
import { fieldErrorsOf, statusOf } from '../utils/errors';
import { usePermission } from '../utils/permissions';
import { useTranslate } from '../utils/translations';

const LIST_PATH = `/plugins/${PLUGIN_ID}/subscribers`;

type Loaded =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'failed' }
  | { state: 'ready'; response: SubscriberResponse };

export const SubscriberDetailPage = () => {
  const t = useTranslate();
  const api = useMessengerApi();
  const format = useFormatTime();
  const { toggleNotification } = useNotification();
  const { documentId = '' } = useParams<{ documentId: string }>();
  const manage = usePermission('subscribersManage');
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [pages, setPages] = useState<PageSummary[]>([]);

  const load = useCallback(
    async (isCurrent: () => boolean = () => true) => {
      try {
        const response = await api.getSubscriber(documentId);
        if (isCurrent()) {
          setLoaded({ state: 'ready', response });
        }
      } catch (error) {
        if (!isCurrent()) {
          return;
        }
        if (statusOf(error) === 404) {
          setLoaded({ state: 'missing' });
          return;
        }
        setLoaded((previous) => (previous.state === 'ready' ? previous : { state: 'failed' }));
        toggleNotification({ type: 'danger', message: fieldErrorsOf(error).message });
      }
    },
    [api, documentId, toggleNotification],
  );

  useEffect(() => {
    let current = true;
    void load(() => current);
    return () => {
      current = false;
    };
  }, [load]);

  // Page names only label the Page; a role that cannot read them sees the Page id.
  useEffect(() => {
    api.listPages().then(setPages, () => setPages([]));
  }, [api]);

  if (loaded.state === 'loading') {
    return <Page.Loading />;
  }
  if (loaded.state === 'failed') {
    return <Page.Error />;
  }
  if (loaded.state === 'missing') {
    return (
      <NotFoundPage
        title={t('subscribers.title')}
        message={t('subscriber.notFound')}
        backLabel={t('subscriber.backToList')}
        listPath={LIST_PATH}
      />
    );
  }

  const { data: subscriber, canReadPersonalData } = loaded.response;
  const pageName =
    pages.find((page) => page.id === subscriber.pageId)?.name ??
    t('pages.unnamed', { id: subscriber.pageId });

  return (
    <Page.Main>
      <Page.Title>{`${subscriber.reference} · ${t('subscribers.title')}`}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={LIST_PATH} />}
        title={subscriber.reference}
        subtitle={
          <Flex gap={3} paddingTop={1}>
            <SubscriberStatusBadge status={subscriber.status} />
            <Typography variant="epsilon" textColor="neutral600">
              {t('subscriber.subtitle', {
                page: pageName,
                created: format.dateTime(subscriber.createdAt),
              })}
            </Typography>
          </Flex>
        }
        primaryAction={
          manage.allowed ? (
            <UnsubscribeAction
              subscriber={subscriber}
              onUnsubscribed={(data) =>
                setLoaded({
                  state: 'ready',
                  response: { data, canReadPersonalData: loaded.response.canReadPersonalData },
                })
              }
              onRefused={() => void load()}
            />
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <SubscriptionFacts subscriber={subscriber} pageName={pageName} />
          <PersonalDataFacts subscriber={subscriber} allowed={canReadPersonalData} />
          <Section title={t('consent.title')} subtitle={t('consent.subtitle')}>
            {subscriber.consent.length === 0 ? (
              <Typography textColor="neutral600">{t('consent.empty')}</Typography>
            ) : (
              <ConsentHistoryTable entries={subscriber.consent} />
            )}
          </Section>
          <Section title={t('deliveries.title')}>
            {subscriber.deliveries.length === 0 ? (
              <Typography textColor="neutral600">{t('deliveries.empty')}</Typography>
            ) : (
              <DeliveriesTable deliveries={subscriber.deliveries} />
            )}
          </Section>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
