import { Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';

import type { SubscriberDelivery } from '../../../../plugin/contracts/subscribers';
import type { TranslationKey } from '../../utils/translations';
import { ColumnHeaders } from '../ColumnHeaders';
import { DeliveryReason, DeliveryStatusBadge } from '../DeliveryStatus';
import { Moment } from '../Moment';

const COLUMNS: TranslationKey[] = [
  'deliveries.table.broadcast',
  'deliveries.table.status',
  'deliveries.table.reason',
  'deliveries.table.sent',
  'deliveries.table.delivered',
  'deliveries.table.read',
];

/** The broadcasts most recently addressed to the subscriber, and what became of each. */
export const DeliveriesTable = ({ deliveries }: { deliveries: SubscriberDelivery[] }) => {
  return (
    <Table colCount={COLUMNS.length} rowCount={deliveries.length + 1}>
      <ColumnHeaders columns={COLUMNS} />
      <Tbody>
        {deliveries.map((delivery, index) => (
          // Deliveries carry no id of their own on the wire; the server's order is stable.
          <Tr key={index}>
            <Td>
              <Typography fontWeight="semiBold">{delivery.broadcastTitle}</Typography>
            </Td>
            <Td>
              <DeliveryStatusBadge status={delivery.status} />
            </Td>
            <Td>
              <DeliveryReason reason={delivery.reason} />
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
        ))}
      </Tbody>
    </Table>
  );
};
