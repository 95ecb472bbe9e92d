import { Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Link as RouterLink, useNavigate } from 'react-router-dom';

import type { SubscriberSummary } from '../../../../plugin/contracts/subscribers';
import { type TranslationKey, useTranslate } from '../../utils/translations';
import { Moment } from '../Moment';
import { ReachabilityBadge, SubscriberStatusBadge } from './SubscriberBadges';

interface Props {
  subscribers: SubscriberSummary[];
  showPersonalData: boolean;
  pageName: (pageId: string) => string;
}

// Table cells do not wrap by default; these may, so that on a narrow screen the table shrinks
// before it scrolls sideways.
const WRAP = { whiteSpace: 'normal' } as const;

const Heading = ({ label }: { label: TranslationKey }) => {
  const t = useTranslate();

  return (
    <Th>
      <Typography variant="sigma" style={WRAP}>
        {t(label)}
      </Typography>
    </Th>
  );
};

/** One row per subscriber; a row opens the subscriber, and so does its reference (a link). */
export const SubscribersTable = ({ subscribers, showPersonalData, pageName }: Props) => {
  const navigate = useNavigate();
  const columns = showPersonalData ? 9 : 7;

  return (
    <Table colCount={columns} rowCount={subscribers.length + 1}>
      <Thead>
        <Tr>
          <Heading label="subscribers.table.reference" />
          {showPersonalData ? <Heading label="subscribers.table.psid" /> : null}
          {showPersonalData ? <Heading label="subscribers.table.email" /> : null}
          <Heading label="subscribers.table.page" />
          <Heading label="subscribers.table.status" />
          <Heading label="subscribers.table.reachability" />
          <Heading label="subscribers.table.lastInteraction" />
          <Heading label="subscribers.table.optInSource" />
          <Heading label="subscribers.table.created" />
        </Tr>
      </Thead>
      <Tbody>
        {subscribers.map((subscriber) => (
          <Tr
            key={subscriber.documentId}
            cursor="pointer"
            onClick={() => navigate(subscriber.documentId)}
          >
            <Td>
              <Link
                tag={RouterLink}
                to={subscriber.documentId}
                onClick={(event: { stopPropagation: () => void }) => event.stopPropagation()}
              >
                {subscriber.reference}
              </Link>
            </Td>
            {showPersonalData ? (
              <Td>
                <Typography>{subscriber.personalData?.psid ?? '–'}</Typography>
              </Td>
            ) : null}
            {showPersonalData ? (
              <Td>
                <Typography style={{ ...WRAP, wordBreak: 'break-all' }}>
                  {subscriber.personalData?.email ?? '–'}
                </Typography>
              </Td>
            ) : null}
            <Td>
              <Typography style={WRAP}>{pageName(subscriber.pageId)}</Typography>
            </Td>
            <Td>
              <SubscriberStatusBadge status={subscriber.status} />
            </Td>
            <Td>
              <ReachabilityBadge reachability={subscriber.reachability} />
            </Td>
            <Td>
              <Moment value={subscriber.lastInteractionAt} />
            </Td>
            <Td>
              <Typography style={{ ...WRAP, wordBreak: 'break-all' }}>
                {subscriber.optInSource ?? '–'}
              </Typography>
            </Td>
            <Td>
              <Moment value={subscriber.createdAt} />
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
