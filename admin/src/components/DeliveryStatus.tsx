import { Badge, type BadgeProps, Typography } from '@strapi/design-system';

import type { DeliveryStatus } from '../../../plugin/contracts/broadcasts';
import { NO_VALUE } from '../utils/no-value';
import { type TranslationKey, useTranslate } from '../utils/translations';

const STATUSES: Record<DeliveryStatus, { label: TranslationKey; variant: BadgeProps['variant'] }> =
  {
    pending: { label: 'deliveries.status.pending', variant: 'neutral' },
    sending: { label: 'deliveries.status.sending', variant: 'primary' },
    sent: { label: 'deliveries.status.sent', variant: 'success' },
    skipped: { label: 'deliveries.status.skipped', variant: 'warning' },
    failed: { label: 'deliveries.status.failed', variant: 'danger' },
  };

/** Reasons the dispatcher and the Graph client give, in words; an unknown one shows its code. */
const REASONS: Record<string, TranslationKey> = {
  'outside-window': 'deliveries.reason.outside-window',
  unsubscribed: 'deliveries.reason.unsubscribed',
  'subscriber-erased': 'deliveries.reason.subscriber-erased',
  'recipient-unavailable': 'deliveries.reason.recipient-unavailable',
  'recipient-stopped-messages': 'deliveries.reason.recipient-stopped-messages',
  'no-matching-user': 'deliveries.reason.no-matching-user',
  'page-restricted': 'deliveries.reason.page-restricted',
  'invalid-page-token': 'deliveries.reason.invalid-page-token',
  'page-temporarily-blocked': 'deliveries.reason.page-temporarily-blocked',
  'missing-permission': 'deliveries.reason.missing-permission',
  'rate-limited': 'deliveries.reason.rate-limited',
  'temporary-error': 'deliveries.reason.temporary-error',
  rejected: 'deliveries.reason.rejected',
};

interface BadgeArgs {
  status: string;
  /**
   * The broadcast was halted: what is still queued will not leave unless it is sent again, so
   * it reads as stopped rather than as waiting.
   */
  stopped?: boolean;
}

/** What became of one message: queued, sent, skipped (by rule) or failed (refused by Messenger). */
export const DeliveryStatusBadge = ({ status, stopped = false }: BadgeArgs) => {
  const t = useTranslate();
  const known = STATUSES[status as DeliveryStatus];

  if (stopped && (status === 'pending' || status === 'sending')) {
    return <Badge variant="neutral">{t('deliveries.status.stopped')}</Badge>;
  }

  return <Badge variant={known?.variant ?? 'neutral'}>{known ? t(known.label) : status}</Badge>;
};

/** Why a message was skipped, failed or waits, in the editor's words. */
export const DeliveryReason = ({ reason }: { reason: string | null }) => {
  const t = useTranslate();

  if (reason === null) {
    return <Typography textColor="neutral500">{NO_VALUE}</Typography>;
  }
  const words = REASONS[reason];

  return (
    // Reasons may wrap between words rather than widen the table.
    <Typography style={{ whiteSpace: 'normal' }}>{words ? t(words) : reason}</Typography>
  );
};
