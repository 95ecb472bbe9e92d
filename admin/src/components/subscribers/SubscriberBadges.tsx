import { Badge, type BadgeProps } from '@strapi/design-system';

import type {
  ProofCheck,
  Reachability,
  SubscriberStatus,
} from '../../../../plugin/contracts/subscribers';
import { useTranslate } from '../../utils/translations';

type Variant = NonNullable<BadgeProps['variant']>;

const STATUS_VARIANTS: Record<SubscriberStatus, Variant> = {
  pending: 'warning',
  subscribed: 'success',
  unsubscribed: 'neutral',
};

const REACHABILITY_VARIANTS: Record<Reachability, Variant> = {
  reachable: 'success',
  unavailable: 'warning',
  blocked: 'danger',
};

export const SubscriberStatusBadge = ({ status }: { status: SubscriberStatus }) => {
  const t = useTranslate();

  return <Badge variant={STATUS_VARIANTS[status]}>{t(`subscribers.status.${status}`)}</Badge>;
};

export const ReachabilityBadge = ({ reachability }: { reachability: Reachability }) => {
  const t = useTranslate();

  return (
    <Badge variant={REACHABILITY_VARIANTS[reachability]}>
      {t(`subscribers.reachability.${reachability}`)}
    </Badge>
  );
};

/**
 * Whether a consent row's proof holds. An admin action has no signed message behind it by
 * nature: that is shown as neutral, not as a failure.
 */
export const ProofBadge = ({ proof }: { proof: ProofCheck }) => {
  const t = useTranslate();

  if (proof.verified) {
    return <Badge variant="success">{t('consent.proof.verified')}</Badge>;
  }

  return (
    // Reasons are longer than the other badges: they may wrap rather than widen the table.
    <Badge
      variant={proof.reason === 'admin-action' ? 'neutral' : 'danger'}
      maxWidth="16rem"
      style={{ whiteSpace: 'normal', height: 'auto' }}
    >
      {t(`consent.proof.${proof.reason}`)}
    </Badge>
  );
};
