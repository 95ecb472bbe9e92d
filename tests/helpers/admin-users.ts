import type { Core } from '@strapi/strapi';
import request from 'supertest';

import { permissionAction, type PermissionKey } from '../../plugin/permissions';

let sequence = 0;

/**
 * Creates an admin role holding exactly the given plugin permissions and an active user in it,
 * and returns that user's login.
 */
export const createRoleUser = async (
  strapi: Core.Strapi,
  permissions: PermissionKey[],
): Promise<{ email: string; password: string }> => {
  sequence += 1;
  const roleService = strapi.service('admin::role') as any;
  const role = await roleService.create({
    name: `Test role ${sequence}`,
    description: 'Created by a test',
  });
  await roleService.assignPermissions(
    role.id,
    permissions.map((key) => ({
      action: permissionAction(key),
      subject: null,
      properties: {},
      conditions: [],
    })),
  );

  const email = `role-${sequence}@example.test`;
  const password = 'Role-Passw0rd!';
  await (strapi.service('admin::user') as any).create({
    email,
    firstname: 'Role',
    lastname: `User ${sequence}`,
    password,
    isActive: true,
    roles: [role.id],
  });
  return { email, password };
};

/**
 * Creates an admin role holding exactly the given plugin permissions, a user in it, and
 * returns that user's session token.
 */
export const tokenForRole = async (
  strapi: Core.Strapi,
  permissions: PermissionKey[],
): Promise<string> => {
  const { email, password } = await createRoleUser(strapi, permissions);

  const response = await request(strapi.server.httpServer)
    .post('/admin/login')
    .send({ email, password });
  if (response.status !== 200) {
    throw new Error(`Login of the test role user failed: HTTP ${response.status}`);
  }
  return response.body.data.token as string;
};
