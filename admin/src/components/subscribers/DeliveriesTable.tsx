import {
  Badge,
  type BadgeProps,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';

import type { SubscriberDelivery } from '../../../../plugin/contracts/subscribers';
import { NO_VALUE } from '../../utils/no-value';
import { type TranslationKey, useTranslate } from '../../utils/translations';
import { Moment } from '../Moment';

const COLUMNS: TranslationKey[] = [
  'deliveries.table.broadcast',
  'deliveries.table.status',
  'deliveries.table.reason',
  'deliveries.table.sent',
  'deliveries.table.delivered',
  'deliveries.table.read',
];

const STATUSES: Record<string, { label: TranslationKey; variant: BadgeProps['variant'] }> = {
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

/** The broadcasts most recently addressed to the subscriber, and what became of each. */
export const DeliveriesTable = ({ deliveries }: { deliveries: SubscriberDelivery[] }) => {
  const t = useTranslate();

  return (
    <Table colCount={COLUMNS.length} rowCount={deliveries.length + 1}>
      <Thead>
        <Tr>
          {COLUMNS.map((column) => (
            <Th key={column}>
              <Typography variant="sigma">{t(column)}</Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {deliveries.map((delivery, index) => {
          const status = STATUSES[delivery.status];
          const reason = delivery.reason ? REASONS[delivery.reason] : undefined;

          return (
            // Deliveries carry no id of their own on the wire; the server's order is stable.
            <Tr key={index}>
              <Td>
                <Typography fontWeight="semiBold">{delivery.broadcastTitle}</Typography>
              </Td>
              <Td>
                <Badge variant={status?.variant ?? 'neutral'}>
                  {status ? t(status.label) : delivery.status}
                </Badge>
              </Td>
              <Td>
                <Typography>{reason ? t(reason) : (delivery.reason ?? NO_VALUE)}</Typography>
              </Td>
              <Td>
                <Moment value={delivery.sentAt} />
              </Td>
              <Td>
                <Moment value={delivery.deliveredAt} />
              </Td>
              <Td>
                <Moment value={delivery.readAt} />
              </Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};
