import { Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Link as RouterLink, useNavigate } from 'react-router-dom';

import type { SubscriberSummary } from '../../../../plugin/contracts/subscribers';
import { NO_VALUE } from '../../utils/no-value';
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

/**
 * A Page's name, which may wrap between words. Without names (the role may not read Pages) the
 * id stands in, shortened to its end so that the column stays narrow; the tooltip holds it all.
 */
const PageName = ({ name, id }: { name: string; id: string }) =>
  name === id && id.length > 8 ? (
    <Typography title={id}>{`…${id.slice(-6)}`}</Typography>
  ) : (
    <Typography style={WRAP}>{name}</Typography>
  );

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
                <Typography>{subscriber.personalData?.psid ?? NO_VALUE}</Typography>
              </Td>
            ) : null}
            {showPersonalData ? (
              <Td>
                <Typography style={{ ...WRAP, wordBreak: 'break-all' }}>
                  {subscriber.personalData?.email ?? NO_VALUE}
                </Typography>
              </Td>
            ) : null}
            <Td>
              <PageName name={pageName(subscriber.pageId)} id={subscriber.pageId} />
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
                {subscriber.optInSource ?? NO_VALUE}
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
