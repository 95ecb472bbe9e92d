import {
  Flex,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Pagination } from '@strapi/strapi/admin';
import { useSearchParams } from 'react-router-dom';

import type { DeliveryResult, DeliveryStatus } from '../../../../plugin/contracts/broadcasts';
import { NO_VALUE } from '../../utils/no-value';
import { type TranslationKey, useTranslate } from '../../utils/translations';
import { ColumnHeaders } from '../ColumnHeaders';
import { DeliveryReason, DeliveryStatusBadge } from '../DeliveryStatus';
import { Moment } from '../Moment';
import { Monospace } from '../Monospace';

const COLUMNS: TranslationKey[] = [
  'recipients.table.subscriber',
  'recipients.table.status',
  'recipients.table.reason',
  'recipients.table.graphError',
  'recipients.table.attempts',
  'recipients.table.sent',
  'recipients.table.delivered',
  'recipients.table.read',
];

const PAGE_SIZE = 50;

/** The filter's choices: "queued" covers the messages waiting and the ones being sent. */
const FILTERS = ['sent', 'skipped', 'failed', 'pending'] as const;
type Filter = (typeof FILTERS)[number];

const matches = (filter: Filter | null, status: DeliveryStatus) =>
  filter === null || status === filter || (filter === 'pending' && status === 'sending');

/** The Graph API's error code, and its subcode when it gave one. */
const GraphError = ({ result }: { result: DeliveryResult }) => {
  if (result.graphErrorCode === null) {
    return <Typography textColor="neutral500">{NO_VALUE}</Typography>;
  }

  return (
    <Monospace>
      {result.graphErrorSubcode === null
        ? String(result.graphErrorCode)
        : `${result.graphErrorCode} / ${result.graphErrorSubcode}`}
    </Monospace>
  );
};

interface Props {
  results: DeliveryResult[];
  /** The broadcast was halted: what is still queued will not leave. */
  stopped: boolean;
}

/**
 * What became of the broadcast for each recipient, named by pseudonymous reference only. The
 * filter and the page live in the URL, so that a reload or the back button keep them. The
 * server answers with every result at once; they are paged here so long lists stay readable.
 */
export const BroadcastDeliveriesTable = ({ results, stopped }: Props) => {
  const t = useTranslate();
  const [searchParams, setSearchParams] = useSearchParams();
  const given = searchParams.get('status');
  const filter = FILTERS.find((choice) => choice === given) ?? null;

  const shown = results.filter((result) => matches(filter, result.status));
  const pageCount = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const page = Math.min(pageCount, Math.max(1, Number(searchParams.get('page')) || 1));
  const rows = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  const setFilter = (value: Filter | null) => {
    const next = new URLSearchParams(searchParams);
    next.delete('page');
    if (value) {
      next.set('status', value);
    } else {
      next.delete('status');
    }
    setSearchParams(next, { replace: true });
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={3}>
        <SingleSelect
          size="S"
          aria-label={t('recipients.filter')}
          value={filter ?? 'all'}
          onChange={(value: string | number) =>
            setFilter(FILTERS.find((choice) => choice === value) ?? null)
          }
        >
          <SingleSelectOption value="all">
            {t('recipients.filter.all', { count: results.length })}
          </SingleSelectOption>
          {FILTERS.map((choice) => (
            <SingleSelectOption key={choice} value={choice}>
              {t(`recipients.filter.${choice}`, {
                count: results.filter((result) => matches(choice, result.status)).length,
              })}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Flex>
      {rows.length === 0 ? (
        <Typography textColor="neutral600">{t('recipients.empty.filtered')}</Typography>
      ) : (
        <Table colCount={COLUMNS.length} rowCount={rows.length + 1}>
          <ColumnHeaders columns={COLUMNS} />
          <Tbody>
            {rows.map((result, index) => (
              // Results carry no id on the wire; a reference is unique within one broadcast,
              // except for erased subscribers, which all read "erased".
              <Tr key={`${result.subscriberRef}-${index}`}>
                <Td>
                  <Monospace>{result.subscriberRef}</Monospace>
                </Td>
                <Td>
                  <DeliveryStatusBadge status={result.status} stopped={stopped} />
                </Td>
                <Td maxWidth="24rem">
                  <DeliveryReason reason={result.reason} />
                </Td>
                <Td>
                  <GraphError result={result} />
                </Td>
                <Td>
                  <Typography>{result.attempts}</Typography>
                </Td>
                <Td>
                  <Moment value={result.sentAt} precise />
                </Td>
                <Td>
                  <Moment value={result.deliveredAt} precise />
                </Td>
                <Td>
                  <Moment value={result.readAt} precise />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {pageCount > 1 ? (
        <Pagination.Root pageCount={pageCount} total={shown.length} defaultPageSize={PAGE_SIZE}>
          <Typography textColor="neutral600" variant="pi">
            {t('recipients.pageOf', {
              from: (page - 1) * PAGE_SIZE + 1,
              to: (page - 1) * PAGE_SIZE + rows.length,
              total: shown.length,
            })}
          </Typography>
          <Pagination.Links />
        </Pagination.Root>
      ) : null}
    </Flex>
  );
};
