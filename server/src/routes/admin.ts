import { permissionAction, type PermissionKey } from '../../../plugin/permissions';

const guarded = (...actions: PermissionKey[]) => ({
  policies: [
    'admin::isAuthenticatedAdmin',
    { name: 'admin::hasPermissions', config: { actions: actions.map(permissionAction) } },
  ],
});

const guardedByAny = (...actions: PermissionKey[]) => ({
  policies: [
    'admin::isAuthenticatedAdmin',
    {
      name: 'plugin::messenger-gdpr.has-any-permission',
      config: { actions: actions.map(permissionAction) },
    },
  ],
});

/** Admin routes, under `/messenger-gdpr/...`, each behind an admin session and a permission. */
export default {
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/pages',
      handler: 'pages.list',
      config: guardedByAny('broadcastsRead', 'subscribersRead'),
    },
    {
      method: 'GET',
      path: '/broadcasts',
      handler: 'broadcasts.list',
      config: guarded('broadcastsRead'),
    },
    {
      method: 'POST',
      path: '/broadcasts',
      handler: 'broadcasts.create',
      config: guarded('broadcastsCompose'),
    },
    {
      method: 'GET',
      path: '/broadcasts/audience',
      handler: 'broadcasts.audience',
      config: guarded('broadcastsRead'),
    },
    {
      method: 'GET',
      path: '/broadcasts/:documentId',
      handler: 'broadcasts.findOne',
      config: guarded('broadcastsRead'),
    },
    {
      method: 'POST',
      path: '/broadcasts/:documentId/send',
      handler: 'broadcasts.send',
      config: guarded('broadcastsSend'),
    },
    {
      method: 'POST',
      path: '/broadcasts/:documentId/resume',
      handler: 'broadcasts.resume',
      config: guarded('broadcastsSend'),
    },
    {
      method: 'GET',
      path: '/broadcasts/:documentId/deliveries',
      handler: 'broadcasts.deliveries',
      config: guarded('broadcastsRead'),
    },
    {
      method: 'GET',
      path: '/subscribers',
      handler: 'subscribers.list',
      config: guarded('subscribersRead'),
    },
    {
      method: 'POST',
      path: '/subscribers/search',
      handler: 'subscribers.search',
      config: guarded('subscribersRead'),
    },
    {
      method: 'GET',
      path: '/subscribers/:documentId',
      handler: 'subscribers.findOne',
      config: guarded('subscribersRead'),
    },
    {
      method: 'POST',
      path: '/subscribers/:documentId/unsubscribe',
      handler: 'subscribers.unsubscribe',
      config: guarded('subscribersManage'),
    },
  ],
};
