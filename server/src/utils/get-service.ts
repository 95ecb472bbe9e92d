import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from '../../../plugin/identity';
import type services from '../services';

type Services = typeof services;
export type ServiceName = keyof Services;
export type ServiceOf<Name extends ServiceName> = ReturnType<Services[Name]>;

/** The one way plugin code reaches a service, so names and return types are checked. */
export const getService = <Name extends ServiceName>(
  strapi: Core.Strapi,
  name: Name,
): ServiceOf<Name> => strapi.plugin(PLUGIN_ID).service(name) as ServiceOf<Name>;
