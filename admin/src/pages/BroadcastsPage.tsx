import {
  Badge,
  Button,
  EmptyStateLayout,
  Flex,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, Plus } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';

import type { BroadcastStatus, BroadcastSummary } from '../../../plugin/contracts/broadcasts';
import type { PageSummary } from '../../../plugin/contracts/common';
import { ComposeBroadcastModal } from '../components/ComposeBroadcastModal';
import { useMessengerApi } from '../utils/api';
import { fieldErrorsOf } from '../utils/errors';
import { useTranslate } from '../utils/translations';

const STATUS_COLOURS: Record<BroadcastStatus, { background: string; text: string }> = {
  draft: { background: 'neutral150', text: 'neutral700' },
  sending: { background: 'primary100', text: 'primary700' },
  completed: { background: 'success100', text: 'success700' },
  halted: { background: 'danger100', text: 'danger700' },
};

export const BroadcastsPage = () => {
  const t = useTranslate();
  const api = useMessengerApi();
  const { toggleNotification } = useNotification();
  const [broadcasts, setBroadcasts] = useState<BroadcastSummary[] | null>(null);
  const [pages, setPages] = useState<PageSummary[]>([]);
  const [failed, setFailed] = useState(false);
  const [composing, setComposing] = useState(false);

  const load = useCallback(async () => {
    try {
      const [loadedPages, loadedBroadcasts] = await Promise.all([
        api.listPages(),
        api.listBroadcasts(),
      ]);
      setPages(loadedPages);
      setBroadcasts(loadedBroadcasts);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  // While a broadcast is sending, its counters move: refresh every few seconds.
  const sending = broadcasts?.some((broadcast) => broadcast.status === 'sending') ?? false;
  useEffect(() => {
    if (!sending) {
      return undefined;
    }
    const timer = setInterval(() => void load(), 2000);
    return () => clearInterval(timer);
  }, [sending, load]);

  const send = async (documentId: string) => {
    try {
      const broadcast = await api.sendBroadcast(documentId);
      toggleNotification({
        type: 'success',
        message: t('compose.sent', { count: broadcast.counts.total }),
      });
      await load();
    } catch (error) {
      toggleNotification({ type: 'danger', message: fieldErrorsOf(error).message });
    }
  };

  if (failed) {
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
          <Button
            startIcon={<Plus />}
            onClick={() => setComposing(true)}
            disabled={pages.length === 0}
          >
            {t('broadcasts.new')}
          </Button>
        }
        secondaryAction={
          <Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={() => void load()}>
            {t('broadcasts.refresh')}
          </Button>
        }
      />
      <Layouts.Content>
        {pages.length === 0 ? (
          <Typography textColor="danger600">{t('pages.none')}</Typography>
        ) : null}
        {broadcasts.length === 0 ? (
          <EmptyStateLayout content={t('broadcasts.empty')} />
        ) : (
          <Table colCount={9} rowCount={broadcasts.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('broadcasts.table.title')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('broadcasts.table.page')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('broadcasts.table.status')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('broadcasts.table.recipients')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('broadcasts.table.sent')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('broadcasts.table.delivered')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('broadcasts.table.skipped')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('broadcasts.table.failed')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('broadcasts.table.created')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {broadcasts.map((broadcast) => (
                <Tr key={broadcast.documentId}>
                  <Td>
                    <Flex direction="column" alignItems="flex-start">
                      <Typography fontWeight="bold">{broadcast.title}</Typography>
                      {broadcast.haltReason ? (
                        <Typography variant="pi" textColor="danger600">
                          {t('broadcasts.halted', { reason: broadcast.haltReason })}
                        </Typography>
                      ) : null}
                    </Flex>
                  </Td>
                  <Td>
                    <Typography>{pageName(broadcast.pageId)}</Typography>
                  </Td>
                  <Td>
                    <Flex gap={2}>
                      <Badge
                        backgroundColor={STATUS_COLOURS[broadcast.status].background}
                        textColor={STATUS_COLOURS[broadcast.status].text}
                      >
                        {t(`broadcasts.status.${broadcast.status}`)}
                      </Badge>
                      {broadcast.status === 'draft' ? (
                        <Button
                          size="S"
                          variant="secondary"
                          onClick={() => void send(broadcast.documentId)}
                        >
                          {t('broadcasts.send')}
                        </Button>
                      ) : null}
                    </Flex>
                  </Td>
                  <Td>
                    <Typography>{broadcast.counts.total}</Typography>
                  </Td>
                  <Td>
                    <Typography>{broadcast.counts.sent}</Typography>
                  </Td>
                  <Td>
                    <Typography>{broadcast.counts.delivered}</Typography>
                  </Td>
                  <Td>
                    <Typography>{broadcast.counts.skipped}</Typography>
                  </Td>
                  <Td>
                    <Typography>{broadcast.counts.failed}</Typography>
                  </Td>
                  <Td>
                    <Typography>{new Date(broadcast.createdAt).toLocaleString()}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
      {composing ? (
        <ComposeBroadcastModal
          open={composing}
          pages={pages}
          onClose={() => setComposing(false)}
          onSaved={() => {
            setComposing(false);
            void load();
          }}
        />
      ) : null}
    </Page.Main>
  );
};
