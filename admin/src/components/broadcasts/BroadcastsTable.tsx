import {
  Button,
  Flex,
  Link,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
  VisuallyHidden,
} from '@strapi/design-system';
import { PaperPlane } from '@strapi/icons';
import { Link as RouterLink, useNavigate } from 'react-router-dom';

import type { BroadcastSummary } from '../../../../plugin/contracts/broadcasts';
import { PLUGIN_ID } from '../../../../plugin/identity';
import { NO_VALUE } from '../../utils/no-value';
import { type TranslationKey, useTranslate } from '../../utils/translations';
import { Moment } from '../Moment';
import { BroadcastStatusBadge, useHaltReason } from './BroadcastStatus';

interface Props {
  broadcasts: BroadcastSummary[];
  pageName: (pageId: string) => string;
  /** Offered on drafts when the editor may send; opens the confirmation. */
  onSend?: (broadcast: BroadcastSummary) => void;
}

const COUNTS: Array<{ label: TranslationKey; count: keyof BroadcastSummary['counts'] }> = [
  { label: 'broadcasts.table.recipients', count: 'total' },
  { label: 'broadcasts.table.sent', count: 'sent' },
  { label: 'broadcasts.table.delivered', count: 'delivered' },
  { label: 'broadcasts.table.skipped', count: 'skipped' },
  { label: 'broadcasts.table.failed', count: 'failed' },
];

export const broadcastPath = (documentId: string) =>
  `/plugins/${PLUGIN_ID}/broadcasts/${encodeURIComponent(documentId)}`;

const stopPropagation = (event: { stopPropagation: () => void }) => event.stopPropagation();

/**
 * One row per broadcast, newest first; a row opens the broadcast and its per-recipient results.
 * A draft has no recipients yet (they are chosen when it is sent), so its counts show a dash
 * rather than zeros that would read as "sent to nobody".
 */
export const BroadcastsTable = ({ broadcasts, pageName, onSend }: Props) => {
  const t = useTranslate();
  const haltReason = useHaltReason();
  const navigate = useNavigate();
  const columns = 5 + COUNTS.length;

  return (
    <Table colCount={columns} rowCount={broadcasts.length + 1}>
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
          {COUNTS.map(({ label }) => (
            <Th key={label}>
              <Typography variant="sigma">{t(label)}</Typography>
            </Th>
          ))}
          <Th>
            <Typography variant="sigma">{t('broadcasts.table.created')}</Typography>
          </Th>
          <Th>
            <VisuallyHidden>{t('broadcasts.table.actions')}</VisuallyHidden>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {broadcasts.map((broadcast) => (
          <Tr
            key={broadcast.documentId}
            cursor="pointer"
            onClick={() => navigate(broadcastPath(broadcast.documentId))}
          >
            <Td>
              {/* Titles wrap rather than widen the table, but only past a readable width. */}
              <Flex
                direction="column"
                alignItems="flex-start"
                gap={1}
                minWidth="20rem"
                maxWidth="40rem"
              >
                <Link
                  tag={RouterLink}
                  to={broadcastPath(broadcast.documentId)}
                  onClick={stopPropagation}
                >
                  <Typography fontWeight="bold" style={{ whiteSpace: 'normal' }}>
                    {broadcast.title}
                  </Typography>
                </Link>
                {broadcast.haltReason ? (
                  <Typography variant="pi" textColor="danger600" style={{ whiteSpace: 'normal' }}>
                    {haltReason(broadcast.haltReason)}
                  </Typography>
                ) : null}
              </Flex>
            </Td>
            <Td>
              <Typography>{pageName(broadcast.pageId)}</Typography>
            </Td>
            <Td>
              <BroadcastStatusBadge status={broadcast.status} />
            </Td>
            {COUNTS.map(({ label, count }) => (
              <Td key={label}>
                {broadcast.status === 'draft' ? (
                  <Typography textColor="neutral500">{NO_VALUE}</Typography>
                ) : (
                  // Failures stand out: each one is someone Messenger refused to reach.
                  <Typography
                    textColor={
                      count === 'failed' && broadcast.counts.failed > 0 ? 'danger600' : undefined
                    }
                  >
                    {broadcast.counts[count]}
                  </Typography>
                )}
              </Td>
            ))}
            <Td>
              <Moment value={broadcast.createdAt} />
            </Td>
            <Td>
              {broadcast.status === 'draft' && onSend ? (
                <Flex justifyContent="flex-end" onClick={stopPropagation}>
                  <Button
                    size="S"
                    variant="secondary"
                    startIcon={<PaperPlane />}
                    onClick={() => onSend(broadcast)}
                  >
                    {t('broadcasts.send')}
                  </Button>
                </Flex>
              ) : null}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
