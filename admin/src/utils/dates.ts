import { useIntl } from 'react-intl';

import { NO_VALUE } from './no-value';

/** How much of a moment to show: `precise` adds seconds (the consent ledger's order matters). */
type Precision = 'minutes' | 'precise';

/** Dates and times in the admin's language; a dash stands for "never" or "not yet". */
export const useFormatTime = () => {
  const { formatDate, formatTime } = useIntl();

  return {
    dateTime: (value: string | null, precision: Precision = 'minutes'): string =>
      value === null
        ? NO_VALUE
        : formatDate(value, {
            dateStyle: 'medium',
            timeStyle: precision === 'precise' ? 'medium' : 'short',
          }),
    date: (value: string | null): string =>
      value === null ? NO_VALUE : formatDate(value, { dateStyle: 'medium' }),
    time: (value: string | null, precision: Precision = 'minutes'): string =>
      value === null
        ? ''
        : formatTime(value, { timeStyle: precision === 'precise' ? 'medium' : 'short' }),
  };
};
