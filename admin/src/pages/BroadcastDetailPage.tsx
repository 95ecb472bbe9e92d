import { Button, Flex, Typography } from '@strapi/design-system';
import { ArrowClockwise, PaperPlane } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';

import type { BroadcastSummary, DeliveryResult } from '../../../plugin/contracts/broadcasts';
import type { PageSummary } from '../../../plugin/contracts/common';
import { PLUGIN_ID } from '../../../plugin/identity';
import { BroadcastDeliveriesTable } from '../components/broadcasts/BroadcastDeliveriesTable';
import { BroadcastMessage, BroadcastSummaryFacts } from '../components/broadcasts/BroadcastFacts';
import { BroadcastStatusBadge } from '../components/broadcasts/BroadcastStatus';
import { SendBroadcastDialog } from '../components/broadcasts/SendBroadcastDialog';
import { NotFoundPage } from '../components/NotFoundPage';
import { Section } from '../components/Section';
import { useMessengerApi } from '../utils/api';
import { useFormatTime } from '../utils/dates';
import { fieldErrorsOf, statusOf } from '../utils/errors';
import { usePermission } from '../utils/permissions';
import { useTranslate } from '../utils/translations';

const LIST_PATH = `/plugins/${PLUGIN_ID}`;
const REFRESH_MS = 2000;

type Loaded =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'failed' }
  | { state: 'ready'; broadcast: BroadcastSummary; results: DeliveryResult[] };

/**
 * One broadcast: where it stands, the text as sent, and what became of it for each recipient
 * (by pseudonymous reference: no personal data on this page). While it is sending, the page
 * reads it again every few seconds.
 */
export const BroadcastDetailPage = () => {
  const t = useTranslate();
  const api = useMessengerApi();
  const format = useFormatTime();
  const { toggleNotification } = useNotification();
  const { documentId = '' } = useParams<{ documentId: string }>();
  const send = usePermission('broadcastsSend');
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [pages, setPages] = useState<PageSummary[]>([]);
  const [confirming, setConfirming] = useState(false);

  /** `quiet`: a failed refresh in the background keeps what is shown and says nothing. */
  const load = useCallback(
    async ({ isCurrent = () => true, quiet = false } = {}) => {
      try {
        const [broadcast, results] = await Promise.all([
          api.getBroadcast(documentId),
          api.listBroadcastDeliveries(documentId),
        ]);
        if (isCurrent()) {
          setLoaded({ state: 'ready', broadcast, results });
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
        if (!quiet) {
          toggleNotification({ type: 'danger', message: fieldErrorsOf(error).message });
        }
      }
    },
    [api, documentId, toggleNotification],
  );

  useEffect(() => {
    let current = true;
    void load({ isCurrent: () => current });
    return () => {
      current = false;
    };
  }, [load]);

  useEffect(() => {
    api.listPages().then(setPages, () => setPages([]));
  }, [api]);

  const inProgress = loaded.state === 'ready' && loaded.broadcast.status === 'sending';
  useEffect(() => {
    if (!inProgress) {
      return undefined;
    }
    const timer = setInterval(() => void load({ quiet: true }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [inProgress, load]);

  if (loaded.state === 'loading') {
    return <Page.Loading />;
  }
  if (loaded.state === 'failed') {
    return <Page.Error />;
  }
  if (loaded.state === 'missing') {
    return (
      <NotFoundPage
        title={t('broadcasts.title')}
        message={t('broadcast.notFound')}
        backLabel={t('broadcast.backToList')}
        listPath={LIST_PATH}
      />
    );
  }

  const { broadcast, results } = loaded;
  const page = pages.find((candidate) => candidate.id === broadcast.pageId);
  const pageName = page?.name ?? t('pages.unnamed', { id: broadcast.pageId });

  const sendDraft = async () => {
    try {
      const started = await api.sendBroadcast(broadcast.documentId);
      toggleNotification({
        type: 'success',
        message: t('compose.sent', { count: started.counts.total }),
      });
    } catch (error) {
      toggleNotification({ type: 'danger', message: fieldErrorsOf(error).message });
    }
    setConfirming(false);
    await load();
  };

  // Meta's policy block is lifted by Meta only; every other halt an editor can resume once fixed.
  const resumable =
    broadcast.status === 'halted' && broadcast.haltReason !== 'policy-enforcement-block';

  const resume = async () => {
    try {
      await api.resumeBroadcast(broadcast.documentId);
      toggleNotification({ type: 'success', message: t('broadcast.resumed') });
    } catch (error) {
      toggleNotification({ type: 'danger', message: fieldErrorsOf(error).message });
    }
    await load();
  };

  return (
    <Page.Main>
      <Page.Title>{`${broadcast.title} · ${t('broadcasts.title')}`}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={LIST_PATH} />}
        title={broadcast.title}
        subtitle={
          <Flex gap={3} paddingTop={1}>
            <BroadcastStatusBadge status={broadcast.status} />
            <Typography variant="epsilon" textColor="neutral600">
              {t('broadcast.subtitle', {
                page: pageName,
                created: format.dateTime(broadcast.createdAt),
              })}
            </Typography>
          </Flex>
        }
        primaryAction={
          broadcast.status === 'draft' && send.allowed ? (
            <Button startIcon={<PaperPlane />} onClick={() => setConfirming(true)}>
              {t('broadcasts.send')}
            </Button>
          ) : resumable && send.allowed ? (
            <Button startIcon={<PaperPlane />} onClick={() => void resume()}>
              {t('broadcast.resume')}
            </Button>
          ) : undefined
        }
        secondaryAction={
          <Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={() => void load()}>
            {t('broadcasts.refresh')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <BroadcastSummaryFacts broadcast={broadcast} pageName={pageName} />
          <BroadcastMessage broadcast={broadcast} />
          <Section title={t('recipients.title')} subtitle={t('recipients.subtitle')}>
            {broadcast.status === 'draft' ? (
              <Typography textColor="neutral600">{t('recipients.draft')}</Typography>
            ) : results.length === 0 ? (
              <Typography textColor="neutral600">{t('recipients.empty')}</Typography>
            ) : (
              <BroadcastDeliveriesTable results={results} stopped={broadcast.status === 'halted'} />
            )}
          </Section>
        </Flex>
      </Layouts.Content>
      <SendBroadcastDialog
        open={confirming}
        title={broadcast.title}
        pageId={broadcast.pageId}
        page={page}
        onCancel={() => setConfirming(false)}
        onConfirm={sendDraft}
      />
    </Page.Main>
  );
};
