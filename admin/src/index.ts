import { PLUGIN_ID } from '../../plugin/identity';
import { permissionAction } from '../../plugin/permissions';
import { PluginIcon } from './components/PluginIcon';
import { prefixTranslations } from './utils/translations';

export default {
  register(app: {
    addMenuLink: (link: unknown) => void;
    registerPlugin: (plugin: unknown) => void;
  }) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Messenger' },
      Component: () => import('./pages/App'),
      // Shown to anyone who may open one of its sections (the link needs any one of these).
      permissions: [
        { action: permissionAction('broadcastsRead'), subject: null },
        { action: permissionAction('subscribersRead'), subject: null },
      ],
    });

    app.registerPlugin({ id: PLUGIN_ID, name: 'Messenger GDPR' });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefixTranslations(data), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
