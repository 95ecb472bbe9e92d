import { useIntl } from 'react-intl';

/** How much of a moment to show: `precise` adds seconds (the consent ledger's order matters). */
type Precision = 'minutes' | 'precise';

/** Dates and times in the admin's language; an en dash stands for "never" or "not yet". */
export const useFormatTime = () => {
  const { formatDate, formatTime } = useIntl();

  return {
    dateTime: (value: string | null, precision: Precision = 'minutes'): string =>
      value === null
        ? '–'
        : formatDate(value, {
            dateStyle: 'medium',
            timeStyle: precision === 'precise' ? 'medium' : 'short',
          }),
    date: (value: string | null): string =>
      value === null ? '–' : formatDate(value, { dateStyle: 'medium' }),
    time: (value: string | null, precision: Precision = 'minutes'): string =>
      value === null
        ? ''
        : formatTime(value, { timeStyle: precision === 'precise' ? 'medium' : 'short' }),
  };
};
