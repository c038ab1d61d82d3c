import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import type { AppEnv } from './env';
import { ApiError, handleError, problemResponse } from './errors';
import { jsonBody } from './middleware/json-body';
import { consoleAuth, passwordChosen, requireRole, sameOrigin } from './middleware/console-auth';
import { d1Cost } from './middleware/d1-cost';
import { emptyQueryIsAbsent } from './middleware/empty-query';
import { publicCache } from './middleware/public-cache';
import { rateLimit } from './middleware/rate-limit';
import { rideWithSite, siteScope } from './middleware/site-scope';
import { submissionRider } from './db/submission-reads';
import { boardPageRider, publicMessageRider } from './routes/board';
import { siteConfigRider } from './routes/sites';
import { securityHeaders } from './middleware/security-headers';
import { methodNotAllowed } from './middleware/method-not-allowed';
import { requestLog } from './middleware/request-log';
import { adminAccounts } from './routes/admin-accounts';
import { adminAudit } from './routes/admin-audit';
import { adminCampaigns } from './routes/admin-campaigns';
import { adminCalendar } from './routes/admin-calendar';
import { adminSite } from './routes/admin-site';
import { adminUnits } from './routes/admin-units';
import { consoleUnits } from './routes/console-units';
import { adminIntegrationKeys } from './routes/admin-integration-keys';
import { adminWebhooks } from './routes/admin-webhooks';
import { adminProtection } from './routes/admin-protection';
import { drainAfterWrites } from './queue/outbox';
import { auth } from './routes/auth';
import { board } from './routes/board';
import { campaigns } from './routes/campaigns';
import { hosted } from './routes/hosted';
import { siteLoader } from './routes/site-loader';
import { citizenLoop, followUpRider } from './routes/citizen-loop';
import { consoleAccount } from './routes/console-account';
import { consoleDashboard } from './routes/console-dashboard';
import { consoleExport } from './routes/console-export';
import { consoleFollowUps } from './routes/console-follow-ups';
import { consoleMessages } from './routes/console-messages';
import { messages } from './routes/messages';
import { myData } from './routes/my-data';
import { open311, open311Error } from './routes/open311';
import { CONSOLE_PHOTO_UPLOAD, consolePhotos, photos, PHOTO_UPLOAD } from './routes/photos';
import { replyTemplates } from './routes/reply-templates';
import { sites } from './routes/sites';
import { stats } from './routes/stats';
import { supports } from './routes/supports';
import { tracking } from './routes/tracking';
import { recovery } from './routes/recovery';
import { adminNotifications } from './routes/admin-notifications';
import { consoleNotifications } from './routes/console-notifications';
import { verificationCodes } from './routes/verification-codes';
import { registerApiDocs } from './docs/routes';
import { queue, type DeliveryMessage } from './queue/consumer';
import { scheduled } from './scheduled';
import { PUBLIC_MAX_AGE } from '../../sdk/src/limits';

// The route table (exported for the test that walks it: the authorization matrix). Static files
// (the widget bundle, the console, the example pages) are served from ./public by the assets
// binding before a request reaches this worker.
export const app = new OpenAPIHono<AppEnv>();

// Security headers on every answer, whoever made it; a wrong method is answered before any work.
app.use('*', securityHeaders());
// The service always makes the id itself (limitLength 0 refuses any a client sends): a client's could
// carry anything into the log.
app.use('*', requestId({ limitLength: 0 }));
// One JSON line per request (route pattern, status, duration, D1 cost; no personal data): `wrangler tail`.
app.use('*', requestLog());
app.use('*', emptyQueryIsAbsent());
// (Open311's paths answer it in the spec's shape and the form the path asks for, as their other errors.)
app.use('*', methodNotAllowed(() => app.routes, (c, error) => (c.req.path.startsWith('/open311/') ? open311Error(error, c) : problemResponse(c, error))));
// Events a request wrote (timeline events, in the outbox) go to the deliveries queue once it has answered.
app.use('*', drainAfterWrites());
app.use('/v1/*', d1Cost());
app.use('/open311/*', d1Cost());
app.onError(handleError);
app.notFound((c) => problemResponse(c, new ApiError('not_found')));

// Liveness for monitors, and the baseline the benchmark measures routes against.
app.get('/healthz', (c) => c.json({ status: 'ok' }, 200));

// Public API, per site: the site is loaded and its origin allow-list applied first, before any body
// is read or any route runs. ('/v1/sites/:site/*' matches /v1/sites/:site itself too.) A
// submission's first reads (its Idempotency-Key's record, the calendar, the screening settings)
// ride in the site's lookup: read in the same round trip, before the origin is judged, never answered to a refused one.
app.on('POST', '/v1/sites/:site/messages', rideWithSite(submissionRider));
// So do the site config's (what a form waits for), a page of the board (not a search: its rate
// limit comes first) and one public message's.
app.on('GET', '/v1/sites/:site', rideWithSite(siteConfigRider));
app.on('GET', '/v1/sites/:site/messages', rideWithSite(boardPageRider));
app.on('GET', '/v1/sites/:site/messages/:id', rideWithSite(publicMessageRider));
// A follow-up question's screening settings, read with the site: the question is screened with no round trip of its own.
app.on('POST', '/v1/sites/:site/track/follow-ups', rideWithSite(followUpRider));
app.use('/v1/sites/:site/*', siteScope(), jsonBody({ rawBody: PHOTO_UPLOAD }));
app.use('/v1/sites/:site/messages/*', publicCache());
// Statistics move slowly; five minutes of shared cache spare the database a busy newspaper's readers.
app.use('/v1/sites/:site/stats', publicCache({ maxAge: 300 }));
// Units change rarely; the picker asks for a level or a search as the citizen browses and types.
app.use('/v1/sites/:site/units', publicCache({ maxAge: PUBLIC_MAX_AGE.units }));
// Floods: searches, tracking-code lookups and 我也关注 are counted per client address before any
// work; submissions are counted in their route, where a retry of a stored one is never refused.
// (HEAD runs the GET route: a search asked for with HEAD does all its work too.)
app.use('/v1/sites/:site/messages', rateLimit('SEARCH_LIMITER', { when: (c) => (c.req.method === 'GET' || c.req.method === 'HEAD') && Boolean(c.req.query('q')) }));
// (`/track/*` matches /track itself too: one counter for the lookup, 评价 and 追问.)
app.use('/v1/sites/:site/track/*', rateLimit('TRACK_LIMITER'));
app.use('/v1/sites/:site/my-data/*', rateLimit('TRACK_LIMITER'));
app.use('/v1/sites/:site/messages/:id/support', rateLimit('WRITE_LIMITER'));
app.use('/v1/sites/:site/verification-codes', rateLimit('WRITE_LIMITER'));
app.route('/', sites); //      GET  /v1/sites/:site, /v1/sites/:site/units (a level of the unit tree, a search)
app.route('/', board); //      GET  /v1/sites/:site/messages, GET /v1/sites/:site/messages/:id
app.route('/', messages); //   POST /v1/sites/:site/messages
app.route('/', tracking); //   POST /v1/sites/:site/track
app.route('/', citizenLoop); // POST /v1/sites/:site/track/rating, /track/follow-ups (评价, 追问)
app.route('/', supports); //   POST /v1/sites/:site/messages/:id/support (我也关注)
app.route('/', myData); //     POST /v1/sites/:site/my-data (download), /my-data/erase
app.route('/', campaigns); //  GET  /v1/sites/:site/campaigns, /campaigns/:slug (建言专栏, with figures)
app.route('/', stats); //      GET  /v1/sites/:site/stats
app.route('/', verificationCodes); // POST /v1/sites/:site/verification-codes (验证码 by SMS, where the site asks for it)
app.route('/', photos); //     POST /v1/sites/:site/photos (raw bytes), GET …/photos/:id/:sha256, POST …/track/photos/:id
app.route('/', recovery); //   POST /v1/sites/:site/track/recover (a lost tracking code, sent again to the contact on file)

// The hosted board (/s/:site/: its sections, and a page per public message), HTML for WeChat menus,
// apps and iframes. Public pages: an ETag and a minute of shared cache, like the public API.
app.use('/s/*', d1Cost(), publicCache({ maxAge: PUBLIC_MAX_AGE.site }));
// A site's own loader: the widget's, with the site config and the form as data it would ask for first.
app.get('/s/:site/liuyan.js', siteLoader(app));
app.route('/', hosted); //     GET  /s/:site/, /write, /track, /stats, /messages/:id; GET /v1/sites/:site/form (the write page's form as data)
//                              POST /s/:site/write, /track, /messages/:id/support (the pages' forms without a script)
// Open311 GeoReport v2, per site: discovery, services, requests (a POST needs an integration key), tokens;
// each `.json` and `.xml`, errors in the spec's shape (the group's own error handler).
app.route('/', open311); //    /open311/v2/:site/…

// Officials. Changes are accepted only from the console's own origin (CSRF); every console route
// needs a live session, and each route (or the action it runs) checks the role and the unit scope.
// Admin routes are for admins only. The console app itself is static, at /console/.
app.use('/v1/auth/*', sameOrigin(), jsonBody());
// An official whose password an admin set changes it before anything else (passwordChosen).
app.use('/v1/console/*', sameOrigin(), consoleAuth(), passwordChosen(), jsonBody({ rawBody: CONSOLE_PHOTO_UPLOAD }));
app.use('/v1/admin/*', sameOrigin(), consoleAuth(), passwordChosen(), requireRole('admin'), jsonBody());
app.route('/', auth); //             POST /v1/auth/sign-in
app.route('/', consoleAccount); //   /v1/console/me, sign-out, own password, TOTP enrolment
app.route('/', consoleMessages); //  the queue and every action on a message
app.route('/', consoleExport); //    GET /v1/console/export.csv
app.route('/', consoleFollowUps); // /v1/console/follow-ups: moderators publish or reject 追问 words
app.route('/', consolePhotos); //    /v1/console/photos/:id (a photo of a message in the official's units; hide, unhide), POST /v1/console/messages/:id/photos (a reply's)
app.route('/', consoleDashboard); // GET /v1/console/dashboard
app.route('/', consoleUnits); //     GET /v1/console/units?ids= (units named, for any official)
app.route('/', replyTemplates); //   /v1/console/reply-templates, /v1/admin/reply-templates
app.route('/', adminSite); //        /v1/admin/site
app.route('/', adminCalendar); //    /v1/admin/calendar: holidays, 调休, the national schedule
app.route('/', adminUnits); //       /v1/admin/units
app.route('/', adminAccounts); //    /v1/admin/accounts, password resets
app.route('/', adminAudit); //       /v1/admin/audit-log, audit-log.csv
app.route('/', adminCampaigns); //   /v1/admin/campaigns: suggestion drives (建言专栏)
app.route('/', adminIntegrationKeys); // /v1/admin/integration-keys: Open311 api_keys, issued and revoked
app.route('/', adminWebhooks); //     /v1/admin/webhooks: endpoints, their deliveries, re-sends
app.route('/', consoleNotifications); // /v1/console/me/notifications: which e-mail notices an official gets
app.route('/', adminNotifications); // /v1/admin/notifications: SMS provider, e-mail sender, phone verification; dead notices
app.route('/', adminProtection); //  /v1/admin/protection: word lists, what is held for moderators, Turnstile, retention

// The API description (/openapi.json) and its reference (/docs, /docs/en), made from the routes above.
registerApiDocs(app);

// HTTP requests go to the app; the hourly cron (wrangler.toml) to the clean-up; the deliveries queue
// (webhooks, SMS, e-mail) to its consumer.
export default { fetch: app.fetch, scheduled, queue } satisfies ExportedHandler<AppEnv['Bindings'], DeliveryMessage>;
