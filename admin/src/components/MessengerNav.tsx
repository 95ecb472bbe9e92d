import { Divider } from '@strapi/design-system';
import { SubNav } from '@strapi/strapi/admin';

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

  const sections: NavSection[] = [
    {
      label: 'nav.messaging',
      links: [
        // `end`: the Broadcasts link is the plugin's index, and must not stay lit on the others.
        {
          to: `/plugins/${PLUGIN_ID}`,
          label: 'nav.broadcasts',
          allowed: broadcasts.allowed,
          end: true,
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
