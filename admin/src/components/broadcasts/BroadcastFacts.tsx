import { Box, Flex, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { styled } from 'styled-components';

import type { BroadcastSummary } from '../../../../plugin/contracts/broadcasts';
import { NO_VALUE } from '../../utils/no-value';
import { type TranslationKey, useTranslate } from '../../utils/translations';
import { Moment } from '../Moment';
import { Fact, Section } from '../Section';
import { BroadcastStatusBadge, useHaltReason } from './BroadcastStatus';

interface Props {
  broadcast: BroadcastSummary;
  pageName: string;
}

const COUNTS: Array<{ label: TranslationKey; count: keyof BroadcastSummary['counts'] }> = [
  { label: 'broadcast.field.recipients', count: 'total' },
  { label: 'broadcast.field.pending', count: 'pending' },
  { label: 'broadcast.field.sent', count: 'sent' },
  { label: 'broadcast.field.delivered', count: 'delivered' },
  { label: 'broadcast.field.read', count: 'read' },
  { label: 'broadcast.field.skipped', count: 'skipped' },
  { label: 'broadcast.field.failed', count: 'failed' },
];

/** Facts side by side, as many to a row as fit, wrapping on narrow screens. */
const Facts = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
  gap: ${({ theme }) => theme.spaces[5]};
`;

/** Starts a new row of facts, lined up under the ones above. */
const NewRow = styled.div`
  grid-column-start: 1;
`;

/** Where the broadcast stands: status, why it halted, its counters and its times. */
export const BroadcastSummaryFacts = ({ broadcast, pageName }: Props) => {
  const t = useTranslate();
  const haltReason = useHaltReason();
  const draft = broadcast.status === 'draft';
  const halted = broadcast.status === 'halted';
  const colourOf = (count: keyof BroadcastSummary['counts']) =>
    draft
      ? 'neutral500'
      : count === 'failed' && broadcast.counts.failed > 0
        ? 'danger600'
        : 'neutral800';

  return (
    <Section title={t('broadcast.section.summary')}>
      {broadcast.haltReason ? (
        <Box background="danger100" borderColor="danger200" hasRadius padding={4}>
          <Flex gap={3} alignItems="flex-start">
            <WarningCircle fill="danger600" width="2rem" height="2rem" aria-hidden />
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <Typography fontWeight="bold" textColor="danger700">
                {haltReason(broadcast.haltReason)}
              </Typography>
              <Typography variant="pi" textColor="danger700">
                {t('broadcast.halted.explained')}
              </Typography>
            </Flex>
          </Flex>
        </Box>
      ) : null}
      <Facts>
        <Fact label={t('broadcast.field.status')}>
          <BroadcastStatusBadge status={broadcast.status} />
        </Fact>
        <Fact label={t('broadcast.field.page')}>
          <Typography>{pageName}</Typography>
        </Fact>
        <Fact label={t('broadcast.field.created')}>
          <Moment value={broadcast.createdAt} />
        </Fact>
        <Fact label={t('broadcast.field.started')}>
          <Moment value={broadcast.startedAt} />
        </Fact>
        <Fact label={t('broadcast.field.completed')}>
          <Moment value={broadcast.completedAt} />
        </Fact>
        {COUNTS.map(({ label, count }, index) => {
          // A halted broadcast sends nothing more: what waits is not sent, rather than queued.
          const name = count === 'pending' && halted ? 'broadcast.field.notSent' : label;
          const fact = (
            <Fact key={label} label={t(name)}>
              {/* A draft has no recipients yet: they are chosen when it is sent. */}
              <Typography variant="beta" tag="p" textColor={colourOf(count)}>
                {draft ? NO_VALUE : broadcast.counts[count]}
              </Typography>
            </Fact>
          );
          return index === 0 ? <NewRow key={label}>{fact}</NewRow> : fact;
        })}
      </Facts>
    </Section>
  );
};

/** The message as subscribers receive it, line breaks kept, with the button the server adds. */
export const BroadcastMessage = ({ broadcast }: { broadcast: BroadcastSummary }) => {
  const t = useTranslate();

  return (
    <Section
      title={t('broadcast.section.message')}
      subtitle={
        broadcast.status === 'draft' ? t('broadcast.message.draft') : t('broadcast.message.sent')
      }
    >
      <Box background="neutral100" hasRadius padding={4} maxWidth="64rem">
        <Typography tag="p" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {broadcast.text}
        </Typography>
      </Box>
    </Section>
  );
};
