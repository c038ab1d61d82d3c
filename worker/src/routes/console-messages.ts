import { newRouteGroup } from '../app';

export const consoleMessages = newRouteGroup();
