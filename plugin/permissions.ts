/**
 * Admin permission actions. The uid is what `actionProvider.registerMany` receives; the
 * full action id (`plugin::messenger-gdpr.<uid>`) is what routes and pages check.
 */
export const PERMISSION_UIDS = {
  broadcastsRead: 'broadcasts.read',
  broadcastsCompose: 'broadcasts.compose',
  broadcastsSend: 'broadcasts.send',
  subscribersRead: 'subscribers.read',
  subscribersReadPersonalData: 'subscribers.read-personal-data',
  subscribersManage: 'subscribers.manage',
  subscribersErase: 'subscribers.erase',
  subscribersExport: 'subscribers.export',
  settingsManage: 'settings.manage',
} as const;

export type PermissionKey = keyof typeof PERMISSION_UIDS;

export const permissionAction = (key: PermissionKey): string =>
  `plugin::messenger-gdpr.${PERMISSION_UIDS[key]}`;

export const PERMISSION_LABELS: Record<PermissionKey, string> = {
  broadcastsRead: 'Read broadcasts',
  broadcastsCompose: 'Compose broadcasts',
  broadcastsSend: 'Send broadcasts',
  subscribersRead: 'Read subscribers',
  subscribersReadPersonalData: 'See subscribers’ personal data',
  subscribersManage: 'Change subscription status',
  subscribersErase: 'Erase subscribers',
  subscribersExport: 'Export subscribers’ data',
  settingsManage: 'Manage settings',
};
