/**
 * Admin panel settings of the host app. No release check: by default the panel asks GitHub for
 * Strapi's latest version from the browser, and nothing in the demo or the tests may leave this
 * machine.
 */
export default {
  config: {
    notifications: { releases: false },
  },
  bootstrap() {},
};
