import { Button, EmptyStateLayout, Flex, Typography } from '@strapi/design-system';
import { ArrowClockwise, Plus } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';

import type { BroadcastSummary } from '../../../plugin/contracts/broadcasts';
import type { PageSummary } from '../../../plugin/contracts/common';
import { BroadcastsTable } from '../components/broadcasts/BroadcastsTable';
import { ComposeBroadcastModal } from '../components/broadcasts/ComposeBroadcastModal';
import { SendBroadcastDialog } from '../components/broadcasts/SendBroadcastDialog';
import { useMessengerApi } from '../utils/api';
import { fieldErrorsOf } from '../utils/errors';
import { usePermission } from '../utils/permissions';
import { useTranslate } from '../utils/translations';

export const BroadcastsPage = () => {
  const t = useTranslate();
  const api = useMessengerApi();
  const { toggleNotification } = useNotification();
  const compose = usePermission('broadcastsCompose');
  const send = usePermission('broadcastsSend');
  const [broadcasts, setBroadcasts] = useState<BroadcastSummary[] | null>(null);
  const [pages, setPages] = useState<PageSummary[]>([]);
  const [failed, setFailed] = useState(false);
  const [composing, setComposing] = useState(false);
  const [sending, setSending] = useState<BroadcastSummary | null>(null);

  /**
   * A list already on screen stays when a later load fails; the notification says so, except
   * for the refreshes in the background while a broadcast is sending (`quiet`).
   */
  const load = useCallback(
    async ({ quiet = false } = {}) => {
      try {
        const [loadedPages, loadedBroadcasts] = await Promise.all([
          api.listPages(),
          api.listBroadcasts(),
        ]);
        setPages(loadedPages);
        setBroadcasts(loadedBroadcasts);
        setFailed(false);
      } catch (error) {
        setFailed(true);
        if (!quiet) {
          toggleNotification({ type: 'danger', message: fieldErrorsOf(error).message });
        }
      }
    },
    [api, toggleNotification],
  );

  useEffect(() => {
    void load();
  }, [load]);

  // While a broadcast is sending, its counters move: refresh every few seconds.
  const inProgress = broadcasts?.some((broadcast) => broadcast.status === 'sending') ?? false;
  useEffect(() => {
    if (!inProgress) {
      return undefined;
    }
    const timer = setInterval(() => void load({ quiet: true }), 2000);
    return () => clearInterval(timer);
  }, [inProgress, load]);

  /** After the confirmation. A refusal (sent meanwhile, Page halted) is shown, then the list. */
  const sendDraft = async (draft: BroadcastSummary) => {
    try {
      const started = await api.sendBroadcast(draft.documentId);
      toggleNotification({
        type: 'success',
        message: t('compose.sent', { count: started.counts.total }),
      });
    } catch (error) {
      toggleNotification({ type: 'danger', message: fieldErrorsOf(error).message });
    }
    setSending(null);
    await load();
  };

  if (failed && broadcasts === null) {
    return <Page.Error />;
  }
  if (broadcasts === null) {
    return <Page.Loading />;
  }

  const pageName = (id: string) => pages.find((page) => page.id === id)?.name ?? id;

  return (
    <Page.Main>
      <Page.Title>{t('broadcasts.title')}</Page.Title>
      <Layouts.Header
        title={t('broadcasts.title')}
        subtitle={t('broadcasts.subtitle')}
        primaryAction={
          compose.allowed ? (
            <Button
              startIcon={<Plus />}
              onClick={() => setComposing(true)}
              disabled={pages.length === 0}
            >
              {t('broadcasts.new')}
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
        <Flex direction="column" alignItems="stretch" gap={4}>
          {pages.length === 0 ? (
            <Typography textColor="danger600">{t('pages.none')}</Typography>
          ) : null}
          {broadcasts.length === 0 ? (
            <EmptyStateLayout
              content={compose.allowed ? t('broadcasts.empty') : t('broadcasts.empty.readOnly')}
            />
          ) : (
            <BroadcastsTable
              broadcasts={broadcasts}
              pageName={pageName}
              onSend={send.allowed ? setSending : undefined}
            />
          )}
        </Flex>
      </Layouts.Content>
      {composing ? (
        <ComposeBroadcastModal
          open={composing}
          pages={pages}
          canSend={send.allowed}
          onClose={() => setComposing(false)}
          onSaved={() => {
            setComposing(false);
            void load();
          }}
        />
      ) : null}
      {sending ? (
        <SendBroadcastDialog
          open
          title={sending.title}
          pageId={sending.pageId}
          page={pages.find((page) => page.id === sending.pageId)}
          onCancel={() => setSending(null)}
          onConfirm={() => sendDraft(sending)}
        />
      ) : null}
    </Page.Main>
  );
};
