import { newRouteGroup } from '../app';

export const replyTemplates = newRouteGroup();
