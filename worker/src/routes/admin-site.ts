import { newRouteGroup } from '../app';

export const adminSite = newRouteGroup();
