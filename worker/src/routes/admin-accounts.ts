import { newRouteGroup } from '../app';

export const adminAccounts = newRouteGroup();
