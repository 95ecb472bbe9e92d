import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from '../../../plugin/identity';
import {
  configSchema,
  DEFAULT_OPT_OUT_KEYWORDS,
  type PageConfig,
  type PluginConfig,
} from '../config/schema';
import { type KeyRing, parseKeyRing } from '../crypto/key-ring';
import { NotFoundError } from '../utils/errors';

/**
 * Typed access to the plugin's configuration, parsed once. The validator has already checked
 * it at startup, so parsing here cannot fail on a running instance.
 */
const settings = ({ strapi }: { strapi: Core.Strapi }) => {
  let parsed: PluginConfig | undefined;
  let ring: KeyRing | undefined;
  let keywords: Set<string> | undefined;

  const config = (): PluginConfig => {
    parsed ??= configSchema.parse(strapi.config.get(`plugin::${PLUGIN_ID}`));
    return parsed;
  };

  return {
    config,

    keyRing(): KeyRing {
      ring ??= parseKeyRing(config().keys);
      return ring;
    },

    pages(): PageConfig[] {
      return config().pages;
    },

    page(pageId: string): PageConfig {
      const page = config().pages.find((candidate) => candidate.id === pageId);
      if (!page) {
        throw new NotFoundError(`Page ${pageId} is not configured in MESSENGER_PAGES`);
      }
      return page;
    },

    /** The bot's texts; `subscribeOffer` links the privacy policy when PUBLIC_URL is set. */
    texts() {
      const texts = config().texts;
      return {
        ...texts,
        subscribeOffer: (policyUrl: string | undefined) =>
          policyUrl ? `${texts.subscribeOffer} Privacy policy: ${policyUrl}` : texts.subscribeOffer,
      };
    },

    policyUrl(): string | undefined {
      const { publicUrl } = config();
      return publicUrl ? `${publicUrl.replace(/\/+$/, '')}/api/messenger-gdpr/policy` : undefined;
    },

    optOutKeywords(): Set<string> {
      keywords ??= new Set(
        [...DEFAULT_OPT_OUT_KEYWORDS, ...config().optOutKeywords].map((keyword) =>
          keyword.normalize('NFC').toLowerCase(),
        ),
      );
      return keywords;
    },

    /** Forgets the parsed configuration; tests change it between cases. */
    reset() {
      parsed = undefined;
      ring = undefined;
      keywords = undefined;
    },
  };
};

export default settings;
