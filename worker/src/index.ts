import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import type { AppEnv } from './env';
import { ApiError, handleError, problemResponse } from './errors';
import { jsonBody } from './middleware/json-body';
import { publicCache } from './middleware/public-cache';
import { siteScope } from './middleware/site-scope';
import { board } from './routes/board';
import { messages } from './routes/messages';
import { sites } from './routes/sites';
import { tracking } from './routes/tracking';
import { scheduled } from './scheduled';

// The route table. Static files (the widget bundle, the example pages) are served from
// ./public by the assets binding before a request reaches this worker.
const app = new OpenAPIHono<AppEnv>();

app.use('*', requestId());
app.onError(handleError);
app.notFound((c) => problemResponse(c, new ApiError(404, 'not_found')));

// Liveness for monitors, and the baseline the benchmark measures routes against.
app.get('/healthz', (c) => c.json({ status: 'ok' }, 200));

// Public API, per site: the site is loaded and its origin allow-list applied first.
// ('/v1/sites/:site/*' matches /v1/sites/:site itself too.)
app.use('/v1/sites/:site/*', siteScope(), jsonBody());
app.use('/v1/sites/:site/messages/*', publicCache());
app.route('/', sites); //      GET  /v1/sites/:site
app.route('/', board); //      GET  /v1/sites/:site/messages, GET /v1/sites/:site/messages/:id
app.route('/', messages); //   POST /v1/sites/:site/messages
app.route('/', tracking); //   POST /v1/sites/:site/track

app.doc31('/openapi.json', {
  openapi: '3.1.0',
  info: {
    title: 'Liuyan API',
    version: '1.0.0',
    description: 'Messages from citizens to their leaders and departments, and the official replies.',
  },
});

// HTTP requests go to the app; the hourly cron (wrangler.toml) to the clean-up.
export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<AppEnv['Bindings']>;
