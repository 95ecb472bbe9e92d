import { useIntl } from 'react-intl';

import { PLUGIN_ID } from '../../../plugin/identity';
import en from '../translations/en.json';

export type TranslationKey = keyof typeof en;

export const prefixTranslations = (data: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));

/** `t('key', values)`: every text of the plugin's pages goes through the admin's translations. */
export const useTranslate = () => {
  const { formatMessage } = useIntl();

  return (key: TranslationKey, values?: Record<string, string | number>) =>
    formatMessage({ id: `${PLUGIN_ID}.${key}`, defaultMessage: en[key] }, values);
};
