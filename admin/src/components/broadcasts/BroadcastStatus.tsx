import { Badge, type BadgeProps } from '@strapi/design-system';

import type { BroadcastStatus } from '../../../../plugin/contracts/broadcasts';
import { type TranslationKey, useTranslate } from '../../utils/translations';

const VARIANTS: Record<BroadcastStatus, NonNullable<BadgeProps['variant']>> = {
  draft: 'neutral',
  sending: 'primary',
  completed: 'success',
  halted: 'danger',
};

export const BroadcastStatusBadge = ({ status }: { status: BroadcastStatus }) => {
  const t = useTranslate();

  return <Badge variant={VARIANTS[status]}>{t(`broadcasts.status.${status}`)}</Badge>;
};

/** Why sending from a Page stopped (Graph's Page-wide refusals, or Meta blocking the Page). */
const HALT_REASONS: Record<string, TranslationKey> = {
  'page-restricted': 'broadcasts.halt.page-restricted',
  'invalid-page-token': 'broadcasts.halt.invalid-page-token',
  'page-temporarily-blocked': 'broadcasts.halt.page-temporarily-blocked',
  'missing-permission': 'broadcasts.halt.missing-permission',
  'policy-enforcement-block': 'broadcasts.halt.policy-enforcement-block',
  'page-halted': 'broadcasts.halt.page-halted',
};

/** A halt reason in words; a reason this admin does not know yet shows its code. */
export const useHaltReason = () => {
  const t = useTranslate();

  return (reason: string): string => {
    const words = HALT_REASONS[reason];
    return words ? t(words) : t('broadcasts.halt.unknown', { reason });
  };
};
