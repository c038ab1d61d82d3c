import { newRouteGroup } from '../app';

export const consoleExport = newRouteGroup();
