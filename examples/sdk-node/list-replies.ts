// The latest answered messages of one unit (its departments included), with every official reply.
//
//   npx tsx examples/sdk-node/list-replies.ts [unitId] [count]
//
// LIUYAN_URL is the service (default http://127.0.0.1:8787, i.e. `npm run dev`), LIUYAN_SITE the site
// (default demo). Only the public API is used: what this prints, anyone may read.
import { createClient, labelCatalogs, LiuyanError, type PublicMessageDetail, type Reply, type UnitNode } from '../../sdk/src';

/** The SDK's names of statuses, reply kinds … as the board and the console say them. */
const labels = labelCatalogs['zh-CN'];

const baseUrl = process.env.LIUYAN_URL ?? 'http://127.0.0.1:8787';
const site = process.env.LIUYAN_SITE ?? 'demo';
const unitId = process.argv[2] ?? 'u_county_head';
const count = Math.min(50, Math.max(1, Number(process.argv[3] ?? 5) || 5));

// A script should not wait long for a service that is not running: one retry, not four.
const liuyan = createClient({ baseUrl, site, retries: 1 });

function findUnit(units: UnitNode[], id: string): UnitNode | null {
  for (const unit of units) {
    if (unit.id === id) return unit;
    const below = findUnit(unit.children, id);
    if (below) return below;
  }
  return null;
}

function allUnits(units: UnitNode[]): UnitNode[] {
  return units.flatMap((u) => [u, ...allUnits(u.children)]);
}

/** Times come in the site's time (`2026-12-03T15:00:00+08:00`): the date is the first ten characters. */
const day = (iso: string) => iso.slice(0, 10);

/** The first two non-empty lines, cut at `max` characters. */
function firstLines(text: string, max = 90): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' ');
  return [...lines].length > max ? `${[...lines].slice(0, max).join('')}…` : lines;
}

function printReply(reply: Reply): void {
  console.log(`  ${reply.unit.name} · ${labels.replyKinds[reply.kind]} · ${day(reply.createdAt)}`);
  console.log(`    ${firstLines(reply.body)}`);
}

function printMessage(m: PublicMessageDetail): void {
  console.log(`■ ${m.title}`);
  console.log(`  ${m.displayName} · ${m.region} · ${day(m.createdAt)} · 留言对象：${m.unit.name}`);
  for (const reply of m.replies) printReply(reply);
  console.log();
}

try {
  const config = await liuyan.getSite();
  const unit = findUnit(config.units, unitId);
  if (!unit) {
    console.error(`Site "${site}" has no unit "${unitId}". Units: ${allUnits(config.units).map((u) => `${u.id} (${u.name})`).join(', ')}`);
    process.exit(1);
  }
  // The newest answered (已办理) messages addressed to the unit or any unit below it.
  const page = await liuyan.listMessages({ unit: unit.id, status: 'answered', limit: count });
  console.log(`${config.site.name} · ${unit.name}${unit.children.length > 0 ? '（含下属部门）' : ''}：最新 ${page.items.length} 条已办理留言\n`);
  // Each card carries only the latest reply's first lines; the message itself has every reply.
  const messages = await Promise.all(page.items.map((m) => liuyan.getMessage(m.id)));
  for (const message of messages) printMessage(message);
} catch (error) {
  if (error instanceof LiuyanError && error.code === 'network') {
    console.error(`No answer from ${baseUrl}. Is the service running (npm run dev)? Set LIUYAN_URL to use another.`);
  } else {
    console.error(error instanceof LiuyanError ? `${error.status} ${error.code}: ${error.message}` : error);
  }
  process.exitCode = 1;
}
