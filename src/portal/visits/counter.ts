import { createHmac } from 'node:crypto';
import { vnDate } from '../../platform/clock.js';

/**
 * In-memory visit counting for the commune website: no cookie, no database write per page view, no IP address kept.
 *
 * - A visitor is HMAC-SHA256(day key, client IP + User-Agent), where the day key is HMAC-SHA256(installation secret,
 *   Vietnam date). The key changes at midnight (Vietnam time), so today's identifiers cannot be linked to yesterday's,
 *   and the identifiers live only in this process's memory (never in the database, never logged).
 * - A visit is counted when a visitor views a page after 30 minutes without any page view (or for the first time
 *   today): a script reloading a page counts as one visit and many page views. Because the key changes at midnight, a
 *   visitor active across midnight starts a new visit on the new day.
 * - "Online now" is the number of distinct visitors with a page view in the last 5 minutes, **in this process**: with
 *   several instances behind a load balancer each one counts only the visitors it served (see docs/deployment.md).
 * - Memory is bounded: visitors are kept in insertion-ordered maps (least recently seen first), pruned from the front
 *   when older than the period and capped (the least recently seen is forgotten first); pending counts are capped
 *   at MAX_TRACKED_PATHS distinct (unit, day, path) keys, the rest go to OTHER_PATH.
 */

export const VISIT_GAP_MS = 30 * 60_000;
export const ONLINE_WINDOW_MS = 5 * 60_000;
/** Visitors remembered per unit; beyond it the least recently seen are forgotten (a returning one counts a new visit). */
export const MAX_VISITORS_PER_UNIT = 50_000;
/** Distinct (unit, day, path) counts kept between flushes; further paths are counted under OTHER_PATH. */
export const MAX_TRACKED_PATHS = 2_000;
/** Paths written per flush (the most viewed); the others are added to OTHER_PATH. */
export const MAX_FLUSHED_PATHS = 500;
export const OTHER_PATH = '(other)';
const MAX_PATH_LENGTH = 300;

/**
 * User-Agents that are not people: search engine and social crawlers, audit tools, monitors and HTTP libraries.
 * A view with no User-Agent is not counted either. This is a coarse filter on what bots say they are; a bot that
 * pretends to be a browser is counted like a person (once per 30 minutes).
 */
export const BOT_USER_AGENT = /bot|crawl|spider|slurp|lighthouse|headless|pagespeed|facebookexternalhit|preview|monitor|pingdom|uptime|curl|wget|python|go-http-client|java\/|okhttp|axios|node-fetch|undici|libwww|httpclient|scrapy|phantomjs/i;

export function isBotUserAgent(userAgent: string | undefined): boolean {
  return !userAgent || BOT_USER_AGENT.test(userAgent);
}

/** The path as counted: no query string or fragment, no trailing slash (except "/"), at most 300 characters. */
export function normalisePath(url: string): string {
  let path = url.split(/[?#]/, 1)[0] || '/';
  if (!path.startsWith('/')) path = '/' + path;
  if (path.length > 1) path = path.replace(/\/+$/, '') || '/';
  return path.length > MAX_PATH_LENGTH ? OTHER_PATH : path;
}

export interface PageView {
  unitId: number;
  /** the request URL (the query string is dropped) */
  url: string;
  /** the client address as Fastify resolves it (XASO_TRUST_PROXY): used for the hash, never kept */
  ip: string;
  userAgent: string;
}

export interface VisitIncrement {
  unitId: number;
  day: string; // YYYY-MM-DD, Vietnam time
  path: string;
  views: number;
  visits: number;
}

interface UnitVisitors {
  /** visitor id → last page view (ms), least recently seen first */
  recent: Map<string, number>;
  /** the same, only for the last ONLINE_WINDOW_MS */
  online: Map<string, number>;
}

/** Moves `key` to the end of an insertion-ordered map (most recently seen), forgetting the oldest beyond `cap`. */
function touch(map: Map<string, number>, key: string, at: number, cap: number) {
  map.delete(key);
  map.set(key, at);
  if (map.size > cap) map.delete(map.keys().next().value!);
}

/** Removes the entries last seen at or before `until` from the front of a map ordered by last view. */
function pruneUpTo(map: Map<string, number>, until: number) {
  for (const [key, at] of map) {
    if (at > until) break;
    map.delete(key);
  }
}

export class VisitCounter {
  private readonly units = new Map<number, UnitVisitors>();
  private pending = new Map<string, VisitIncrement>();
  /** visits in `pending`, per unit (read by every page render for the footer, so kept rather than summed) */
  private pendingVisitsByUnit = new Map<number, number>();
  private dayKey: { day: string; key: Buffer } | null = null;

  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
    private readonly maxVisitorsPerUnit = MAX_VISITORS_PER_UNIT,
  ) {}

  private keyOf(day: string): Buffer {
    if (this.dayKey?.day !== day) this.dayKey = { day, key: createHmac('sha256', this.secret).update(`xaso.visits:${day}`).digest() };
    return this.dayKey.key;
  }

  private visitorsOf(unitId: number): UnitVisitors {
    let v = this.units.get(unitId);
    if (!v) this.units.set(unitId, (v = { recent: new Map(), online: new Map() }));
    return v;
  }

  /** Counts one page view (and a visit when the visitor starts one). Memory only. */
  record(view: PageView): void {
    const at = this.now();
    const day = vnDate(new Date(at));
    const id = createHmac('sha256', this.keyOf(day)).update(`${view.ip}\n${view.userAgent}`).digest('base64url').slice(0, 22);
    const visitors = this.visitorsOf(view.unitId);
    pruneUpTo(visitors.recent, at - VISIT_GAP_MS);
    pruneUpTo(visitors.online, at - ONLINE_WINDOW_MS);
    const last = visitors.recent.get(id);
    const newVisit = last === undefined || at - last >= VISIT_GAP_MS;
    touch(visitors.recent, id, at, this.maxVisitorsPerUnit);
    touch(visitors.online, id, at, this.maxVisitorsPerUnit);

    let path = normalisePath(view.url);
    let slot = this.pending.get(`${view.unitId}\t${day}\t${path}`);
    if (!slot && this.pending.size >= MAX_TRACKED_PATHS) {
      path = OTHER_PATH;
      slot = this.pending.get(`${view.unitId}\t${day}\t${path}`);
    }
    if (!slot) this.pending.set(`${view.unitId}\t${day}\t${path}`, (slot = { unitId: view.unitId, day, path, views: 0, visits: 0 }));
    slot.views += 1;
    if (newVisit) {
      slot.visits += 1;
      this.pendingVisitsByUnit.set(view.unitId, (this.pendingVisitsByUnit.get(view.unitId) ?? 0) + 1);
    }
  }

  /** Distinct visitors of the unit with a page view in the last 5 minutes (in this process). */
  online(unitId: number): number {
    const visitors = this.units.get(unitId);
    if (!visitors) return 0;
    pruneUpTo(visitors.online, this.now() - ONLINE_WINDOW_MS);
    return visitors.online.size;
  }

  /** Visits counted since the last drain (for the running total shown before the next flush). */
  pendingVisits(unitId: number): number {
    return this.pendingVisitsByUnit.get(unitId) ?? 0;
  }

  /** Forgets the visitors not seen for a visit period (called at each flush, so idle units free their memory). */
  prune(): void {
    const at = this.now();
    for (const [unitId, v] of this.units) {
      pruneUpTo(v.recent, at - VISIT_GAP_MS);
      pruneUpTo(v.online, at - ONLINE_WINDOW_MS);
      if (!v.recent.size && !v.online.size) this.units.delete(unitId);
    }
  }

  /** Visitors remembered (all units), for tests and monitoring. */
  rememberedVisitors(): number {
    let n = 0;
    for (const v of this.units.values()) n += v.recent.size;
    return n;
  }

  /**
   * Takes the counts since the last drain: per (unit, day) the MAX_FLUSHED_PATHS most viewed paths, the rest added
   * to OTHER_PATH. The caller writes them, and gives them back with `restore` if the write fails.
   */
  drain(): VisitIncrement[] {
    const taken = [...this.pending.values()];
    this.pending = new Map();
    this.pendingVisitsByUnit = new Map();
    const groups = new Map<string, VisitIncrement[]>();
    for (const inc of taken) {
      const k = `${inc.unitId}\t${inc.day}`;
      const g = groups.get(k);
      if (g) g.push(inc);
      else groups.set(k, [inc]);
    }
    const out: VisitIncrement[] = [];
    for (const g of groups.values()) {
      g.sort((a, b) => b.views - a.views || a.path.localeCompare(b.path));
      let other: VisitIncrement | undefined = g.find((i) => i.path === OTHER_PATH);
      const kept = g.filter((i) => i.path !== OTHER_PATH);
      for (const [i, inc] of kept.entries()) {
        if (i < MAX_FLUSHED_PATHS) {
          out.push(inc);
          continue;
        }
        other ??= { unitId: inc.unitId, day: inc.day, path: OTHER_PATH, views: 0, visits: 0 };
        other.views += inc.views;
        other.visits += inc.visits;
      }
      if (other) out.push(other);
    }
    return out;
  }

  /** Puts back counts that could not be written, to be written with the next flush. */
  restore(increments: VisitIncrement[]): void {
    for (const inc of increments) {
      const k = `${inc.unitId}\t${inc.day}\t${inc.path}`;
      const slot = this.pending.get(k);
      if (slot) {
        slot.views += inc.views;
        slot.visits += inc.visits;
      } else this.pending.set(k, { ...inc });
      this.pendingVisitsByUnit.set(inc.unitId, (this.pendingVisitsByUnit.get(inc.unitId) ?? 0) + inc.visits);
    }
  }
}
