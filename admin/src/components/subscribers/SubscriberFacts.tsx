import { Flex, Grid, Typography } from '@strapi/design-system';

import type { SubscriberDetail } from '../../../../plugin/contracts/subscribers';
import { useFormatTime } from '../../utils/dates';
import { NO_VALUE } from '../../utils/no-value';
import { useTranslate } from '../../utils/translations';
import { Monospace } from '../Monospace';
import { Fact, Section } from '../Section';
import { ReachabilityBadge, SubscriberStatusBadge } from './SubscriberBadges';

const MESSAGING_WINDOW_MS = 24 * 60 * 60 * 1000;

interface Props {
  subscriber: SubscriberDetail;
  pageName: string;
}

/** Where the subscriber stands: status, reachability, Page, times; no personal data here. */
export const SubscriptionFacts = ({ subscriber, pageName }: Props) => {
  const t = useTranslate();
  const format = useFormatTime();
  // Promotional messages reach only people who wrote in the last 24 hours.
  const windowEnd = subscriber.lastInteractionAt
    ? Date.parse(subscriber.lastInteractionAt) + MESSAGING_WINDOW_MS
    : null;
  const windowOpen = windowEnd !== null && windowEnd > Date.now();
  // Green only where it means something to an editor: a subscriber a broadcast can reach now.
  const windowColour =
    windowOpen && subscriber.status === 'subscribed' ? 'success600' : 'neutral600';

  return (
    <Section title={t('subscriber.section.subscription')}>
      <Grid.Root gap={5} gridCols={12}>
        <Grid.Item col={4} s={6} xs={12} alignItems="flex-start">
          <Fact label={t('subscriber.field.status')}>
            <SubscriberStatusBadge status={subscriber.status} />
          </Fact>
        </Grid.Item>
        <Grid.Item col={4} s={6} xs={12} alignItems="flex-start">
          <Fact label={t('subscriber.field.reachability')}>
            <ReachabilityBadge reachability={subscriber.reachability} />
          </Fact>
        </Grid.Item>
        <Grid.Item col={4} s={6} xs={12} alignItems="flex-start">
          <Fact label={t('subscriber.field.page')}>
            <Typography>{pageName}</Typography>
          </Fact>
        </Grid.Item>
        <Grid.Item col={4} s={6} xs={12} alignItems="flex-start">
          <Fact label={t('subscriber.field.lastInteraction')}>
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <Typography>{format.dateTime(subscriber.lastInteractionAt)}</Typography>
              <Typography variant="pi" textColor={windowColour}>
                {windowOpen && windowEnd !== null
                  ? t('subscriber.window.open', {
                      until: format.dateTime(new Date(windowEnd).toISOString()),
                    })
                  : t('subscriber.window.closed')}
              </Typography>
            </Flex>
          </Fact>
        </Grid.Item>
        <Grid.Item col={4} s={6} xs={12} alignItems="flex-start">
          <Fact label={t('subscriber.field.created')}>
            <Typography>{format.dateTime(subscriber.createdAt)}</Typography>
          </Fact>
        </Grid.Item>
        <Grid.Item col={4} s={6} xs={12} alignItems="flex-start">
          <Fact label={t('subscriber.field.optInSource')}>
            <Typography>{subscriber.optInSource ?? NO_VALUE}</Typography>
          </Fact>
        </Grid.Item>
      </Grid.Root>
    </Section>
  );
};

/** The decrypted PSID, email and name, for roles allowed to see them; a note for the others. */
export const PersonalDataFacts = ({
  subscriber,
  allowed,
}: {
  subscriber: SubscriberDetail;
  allowed: boolean;
}) => {
  const t = useTranslate();
  const personal = subscriber.personalData;

  if (!allowed || personal === null) {
    return (
      <Section title={t('subscriber.section.personalData')}>
        <Typography textColor="neutral600">{t('subscriber.personalData.hidden')}</Typography>
      </Section>
    );
  }

  const name = [personal.firstName, personal.lastName].filter(Boolean).join(' ');

  return (
    <Section
      title={t('subscriber.section.personalData')}
      subtitle={t('subscribers.personalDataAudited')}
    >
      <Grid.Root gap={5} gridCols={12}>
        <Grid.Item col={4} s={6} xs={12} alignItems="flex-start">
          <Fact label={t('subscriber.field.psid')}>
            <Monospace>{personal.psid}</Monospace>
          </Fact>
        </Grid.Item>
        <Grid.Item col={4} s={6} xs={12} alignItems="flex-start">
          <Fact label={t('subscriber.field.email')}>
            <Typography>{personal.email ?? t('subscriber.field.none')}</Typography>
          </Fact>
        </Grid.Item>
        <Grid.Item col={4} s={6} xs={12} alignItems="flex-start">
          <Fact label={t('subscriber.field.name')}>
            <Typography>{name || t('subscriber.field.none')}</Typography>
          </Fact>
        </Grid.Item>
      </Grid.Root>
    </Section>
  );
};
