import { useRBAC } from '@strapi/strapi/admin';

import { PERMISSION_UIDS, permissionAction, type PermissionKey } from '../../../plugin/permissions';

/** One stable array per action: useRBAC checks again whenever the array it gets changes. */
const PERMISSIONS = Object.fromEntries(
  (Object.keys(PERMISSION_UIDS) as PermissionKey[]).map((key) => [
    key,
    [{ action: permissionAction(key), subject: null }],
  ]),
) as Record<PermissionKey, Array<{ action: string; subject: null }>>;

/** The permission list Page.Protect and menu links take, for one of the plugin's actions. */
export const permissionsFor = (key: PermissionKey) => PERMISSIONS[key];

/**
 * Whether the current admin may perform one of the plugin's actions. useRBAC names its answers
 * after the last segment of the action (`subscribers.read` and `broadcasts.read` would both be
 * `canRead`), so each action is asked on its own and the single answer is read back.
 */
export const usePermission = (key: PermissionKey): { allowed: boolean; isLoading: boolean } => {
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS[key]);

  return { allowed: Object.values(allowedActions).some(Boolean), isLoading };
};
