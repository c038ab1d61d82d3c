import { newRouteGroup } from '../app';

export const consoleAccount = newRouteGroup();
