import { Flex, Table, Tbody, Td, Tooltip, Tr, Typography } from '@strapi/design-system';

import type { ConsentHistoryEntry } from '../../../../plugin/contracts/subscribers';
import { NO_VALUE } from '../../utils/no-value';
import { type TranslationKey, useTranslate } from '../../utils/translations';
import { ColumnHeaders } from '../ColumnHeaders';
import { Moment } from '../Moment';
import { Monospace } from '../Monospace';
import { ProofBadge } from './SubscriberBadges';

const SHORT_HASH = 10;

const COLUMNS: TranslationKey[] = [
  'consent.table.time',
  'consent.table.purpose',
  'consent.table.action',
  'consent.table.method',
  'consent.table.policy',
  'consent.table.evidence',
  'consent.table.proof',
  'consent.table.hash',
];

/** The row's hash and the one it is chained to, shortened; the tooltip holds both in full. */
const HashChain = ({ entry }: { entry: ConsentHistoryEntry }) => {
  const t = useTranslate();
  const label = [
    t('consent.hash.tooltip', { hash: entry.hash }),
    entry.previousHash
      ? t('consent.hash.previous', { previous: entry.previousHash })
      : t('consent.hash.first'),
  ].join('\n');

  return (
    <Tooltip
      label={<span style={{ whiteSpace: 'pre-line', wordBreak: 'break-all' }}>{label}</span>}
    >
      <Flex direction="column" alignItems="flex-start" tabIndex={0}>
        <Monospace>{entry.hash.slice(0, SHORT_HASH)}</Monospace>
        <Monospace variant="pi" textColor="neutral500">
          {entry.previousHash
            ? `← ${entry.previousHash.slice(0, SHORT_HASH)}`
            : t('consent.hash.first')}
        </Monospace>
      </Flex>
    </Tooltip>
  );
};

/** The subscriber's consent ledger, oldest first, each row with the check of its proof. */
export const ConsentHistoryTable = ({ entries }: { entries: ConsentHistoryEntry[] }) => {
  const t = useTranslate();

  return (
    <Table colCount={COLUMNS.length} rowCount={entries.length + 1}>
      <ColumnHeaders columns={COLUMNS} />
      <Tbody>
        {entries.map((entry) => (
          <Tr key={entry.id}>
            <Td>
              <Moment value={entry.eventTime} precise />
            </Td>
            <Td>
              <Typography>{t(`consent.purpose.${entry.purpose}`)}</Typography>
            </Td>
            <Td>
              <Typography
                fontWeight="semiBold"
                textColor={entry.action === 'granted' ? 'success700' : 'danger700'}
              >
                {t(`consent.action.${entry.action}`)}
              </Typography>
            </Td>
            <Td>
              <Typography>{t(`consent.method.${entry.method}`)}</Typography>
            </Td>
            <Td>
              <Typography>{entry.policyVersion ?? NO_VALUE}</Typography>
            </Td>
            <Td>
              <Typography>{t(`consent.evidence.${entry.evidence}`)}</Typography>
            </Td>
            <Td>
              <ProofBadge proof={entry.proof} />
            </Td>
            <Td>
              <HashChain entry={entry} />
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
