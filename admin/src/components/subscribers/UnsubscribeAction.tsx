import { Button, Dialog } from '@strapi/design-system';
import { Cross, WarningCircle } from '@strapi/icons';
import { ConfirmDialog, useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';

import type { SubscriberDetail } from '../../../../plugin/contracts/subscribers';
import { useMessengerApi } from '../../utils/api';
import { fieldErrorsOf } from '../../utils/errors';
import { useTranslate } from '../../utils/translations';

interface Props {
  subscriber: SubscriberDetail;
  onUnsubscribed: (subscriber: SubscriberDetail) => void;
  /** A refusal may mean the subscriber changed meanwhile (someone else unsubscribed them). */
  onRefused: () => void;
}

/**
 * The page's primary action: an admin withdraws a subscriber's consent on their behalf (after a
 * request by email, say). The dialog stays open, its button busy, until the server has answered.
 * After a refusal the subscriber is read again: someone else may have changed them meanwhile.
 */
export const UnsubscribeAction = ({ subscriber, onUnsubscribed, onRefused }: Props) => {
  const t = useTranslate();
  const api = useMessengerApi();
  const { toggleNotification } = useNotification();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const reference = subscriber.reference;

  const confirm = async () => {
    setBusy(true);
    try {
      const { data } = await api.unsubscribeSubscriber(subscriber.documentId);
      toggleNotification({
        type: 'success',
        message: t('subscriber.unsubscribe.done', { reference }),
      });
      setOpen(false);
      onUnsubscribed(data);
    } catch (error) {
      toggleNotification({ type: 'danger', message: fieldErrorsOf(error).message });
      setOpen(false);
      onRefused();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog.Root open={open} onOpenChange={(isOpen: boolean) => !busy && setOpen(isOpen)}>
      <Dialog.Trigger>
        <Button
          variant="danger-light"
          startIcon={<Cross />}
          disabled={subscriber.status === 'unsubscribed'}
        >
          {t('subscriber.unsubscribe')}
        </Button>
      </Dialog.Trigger>
      <ConfirmDialog
        title={t('subscriber.unsubscribe.title', { reference })}
        icon={<WarningCircle fill="danger600" />}
        startAction={
          <Dialog.Cancel>
            <Button fullWidth variant="tertiary" disabled={busy}>
              {t('subscriber.unsubscribe.cancel')}
            </Button>
          </Dialog.Cancel>
        }
        endAction={
          <Button fullWidth variant="danger-light" loading={busy} onClick={() => void confirm()}>
            {t('subscriber.unsubscribe.confirm')}
          </Button>
        }
      >
        {t('subscriber.unsubscribe.body', { reference })}
      </ConfirmDialog>
    </Dialog.Root>
  );
};
