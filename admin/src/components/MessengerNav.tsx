import { Divider } from '@strapi/design-system';
import { SubNav } from '@strapi/strapi/admin';
import { useMatch } from 'react-router-dom';

import { PLUGIN_ID } from '../../../plugin/identity';
import { usePermission } from '../utils/permissions';
import { type TranslationKey, useTranslate } from '../utils/translations';

interface NavSection {
  label: TranslationKey;
  links: Array<{ to: string; label: TranslationKey; allowed: boolean; end?: boolean }>;
}

/** The plugin's side navigation: one section per kind of work, links the admin may open. */
export const MessengerNav = () => {
  const t = useTranslate();
  const broadcasts = usePermission('broadcastsRead');
  const subscribers = usePermission('subscribersRead');
  const onBroadcast = useMatch(`/plugins/${PLUGIN_ID}/broadcasts/*`) !== null;

  const sections: NavSection[] = [
    {
      label: 'nav.messaging',
      links: [
        // The Broadcasts link is the plugin's index: `end` keeps it dark on the other sections,
        // and is dropped on a broadcast's own page, which lies under it.
        {
          to: `/plugins/${PLUGIN_ID}`,
          label: 'nav.broadcasts',
          allowed: broadcasts.allowed,
          end: !onBroadcast,
        },
      ],
    },
    {
      label: 'nav.people',
      links: [
        {
          to: `/plugins/${PLUGIN_ID}/subscribers`,
          label: 'nav.subscribers',
          allowed: subscribers.allowed,
        },
      ],
    },
  ];
  const visible = sections
    .map((section) => ({ ...section, links: section.links.filter((link) => link.allowed) }))
    .filter((section) => section.links.length > 0);

  return (
    <SubNav.Main aria-label={t('plugin.name')}>
      <SubNav.Header label={t('plugin.name')} />
      <Divider />
      <SubNav.Content>
        <SubNav.Sections>
          {visible.map((section) => (
            <SubNav.Section key={section.label} label={t(section.label)}>
              {section.links.map((link) => (
                <SubNav.Link key={link.to} to={link.to} end={link.end} label={t(link.label)} />
              ))}
            </SubNav.Section>
          ))}
        </SubNav.Sections>
      </SubNav.Content>
    </SubNav.Main>
  );
};
