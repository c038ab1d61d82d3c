import { newRouteGroup } from '../app';

export const adminUnits = newRouteGroup();
