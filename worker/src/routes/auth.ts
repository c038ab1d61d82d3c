import { newRouteGroup } from '../app';

export const auth = newRouteGroup();
