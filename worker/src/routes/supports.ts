import { newRouteGroup } from '../app';

export const supports = newRouteGroup();
