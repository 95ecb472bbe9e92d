import { Box, Button, Dialog, Flex, Loader, Typography } from '@strapi/design-system';
import { PaperPlane, WarningCircle } from '@strapi/icons';
import { ConfirmDialog } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';

import type { BroadcastAudience } from '../../../../plugin/contracts/broadcasts';
import type { PageSummary } from '../../../../plugin/contracts/common';
import { useMessengerApi } from '../../utils/api';
import { fieldErrorsOf } from '../../utils/errors';
import { useTranslate } from '../../utils/translations';

interface Props {
  open: boolean;
  /** The broadcast's title, as the editor knows it. */
  title: string;
  pageId: string;
  /** The Page as the Pages route describes it; missing when the role cannot read Pages. */
  page: PageSummary | undefined;
  onCancel: () => void;
  /** Sends; the dialog stays open, its button busy, until this settles. */
  onConfirm: () => Promise<void>;
}

type Audience =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; audience: BroadcastAudience };

/**
 * The last step before a broadcast leaves: who it goes to and who can receive it now, counted
 * by the server when the dialog opens. Promotional messages reach only people who wrote within
 * the messaging window; the others are recorded as skipped.
 *
 * With nobody inside the window, sending is not offered: it would record every subscriber as
 * skipped and use the broadcast up (a sent broadcast cannot be sent again), while the draft can
 * still go out once people have written to the Page. A halted Page is refused by the server
 * anyway; the dialog says so before the editor tries.
 */
export const SendBroadcastDialog = ({ open, title, pageId, page, onCancel, onConfirm }: Props) => {
  const t = useTranslate();
  const api = useMessengerApi();
  const [audience, setAudience] = useState<Audience>({ state: 'loading' });
  const [busy, setBusy] = useState(false);

  // Counted afresh each time the dialog opens: the window moves on as time passes.
  useEffect(() => {
    if (!open) {
      return undefined;
    }
    let current = true;
    setAudience({ state: 'loading' });
    api.getBroadcastAudience(pageId).then(
      (counted) => current && setAudience({ state: 'ready', audience: counted }),
      (error: unknown) =>
        current && setAudience({ state: 'failed', message: fieldErrorsOf(error).message }),
    );
    return () => {
      current = false;
    };
  }, [api, open, pageId]);

  const pageName = page?.name ?? t('pages.unnamed', { id: pageId });
  const halted = page?.sendingHalted ?? false;
  const reachable = audience.state === 'ready' ? audience.audience.withinWindow : 0;
  const canSend = audience.state === 'ready' && reachable > 0 && !halted;

  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog.Root open={open} onOpenChange={(isOpen: boolean) => !isOpen && !busy && onCancel()}>
      <ConfirmDialog
        title={t('send.confirm.title', { title })}
        startAction={
          <Dialog.Cancel>
            <Button fullWidth variant="tertiary" disabled={busy}>
              {t('send.confirm.cancel')}
            </Button>
          </Dialog.Cancel>
        }
        endAction={
          <Button
            fullWidth
            startIcon={<PaperPlane />}
            disabled={!canSend}
            loading={busy}
            onClick={() => void confirm()}
          >
            {canSend
              ? t('send.confirm.button', { count: reachable })
              : t('send.confirm.buttonUnavailable')}
          </Button>
        }
      >
        <Flex direction="column" alignItems="stretch" gap={3} width="100%">
          {audience.state === 'loading' ? (
            <Flex gap={2} justifyContent="center">
              <Loader small aria-hidden />
              <Dialog.Description>{t('send.confirm.loading')}</Dialog.Description>
            </Flex>
          ) : null}
          {audience.state === 'failed' ? (
            <Notice danger>{t('send.confirm.failed', { message: audience.message })}</Notice>
          ) : null}
          {audience.state === 'ready' ? (
            <AudienceSummary audience={audience.audience} pageName={pageName} halted={halted} />
          ) : null}
        </Flex>
      </ConfirmDialog>
    </Dialog.Root>
  );
};

/** A sentence of the dialog; `danger` marks the ones that explain why sending is not offered. */
const Notice = ({ children, danger = false }: { children: string; danger?: boolean }) => (
  <Flex gap={3} alignItems="flex-start">
    {danger ? (
      <Box paddingTop={1}>
        <WarningCircle fill="danger600" width="1.6rem" height="1.6rem" aria-hidden />
      </Box>
    ) : null}
    <Dialog.Description textColor={danger ? 'danger700' : 'neutral800'}>
      {children}
    </Dialog.Description>
  </Flex>
);

const AudienceSummary = ({
  audience,
  pageName,
  halted,
}: {
  audience: BroadcastAudience;
  pageName: string;
  halted: boolean;
}) => {
  const t = useTranslate();
  const { subscribed, withinWindow, windowHours } = audience;
  const counts = {
    subscribed,
    withinWindow,
    others: subscribed - withinWindow,
    hours: windowHours,
    page: pageName,
  };

  if (halted) {
    return <Notice danger>{t('send.confirm.halted', { page: pageName })}</Notice>;
  }
  if (subscribed === 0) {
    return <Notice danger>{t('send.confirm.nobodySubscribed', counts)}</Notice>;
  }
  if (withinWindow === 0) {
    return <Notice danger>{t('send.confirm.nobodyInWindow', counts)}</Notice>;
  }

  return (
    <>
      <Notice>{t('send.confirm.audience', counts)}</Notice>
      <Typography variant="pi" textColor="neutral600">
        {t('send.confirm.final')}
      </Typography>
    </>
  );
};
