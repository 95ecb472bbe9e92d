import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

export interface Config {
  actions?: string[];
}

/**
 * Allows an admin who holds at least one of the listed actions. Strapi's `admin::hasPermissions`
 * requires all of them; a route both editors and privacy officers read (the Page list) needs
 * either one. Use it after `admin::isAuthenticatedAdmin`.
 */
const hasAnyPermission = (
  policyContext: Context,
  config: Config,
  _context: { strapi: Core.Strapi },
) => {
  const ability = (policyContext.state as { userAbility?: { can: (action: string) => boolean } })
    .userAbility;
  return Boolean(ability && (config.actions ?? []).some((action) => ability.can(action)));
};

export default hasAnyPermission;
