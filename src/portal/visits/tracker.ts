import type { Database } from '../../platform/db/index.js';
import type { VisitorFigures } from '../../web/context.js';
import { installationSecret } from '../../platform/settings.js';
import { VisitCounter, type PageView, type VisitIncrement } from './counter.js';
import { addVisitCounts, totalVisits } from './store.js';

/** Settings key of the installation secret the daily visitor keys are derived from. */
export const VISITS_SECRET_KEY = 'portal.visitsSecret';
export const FLUSH_INTERVAL_MS = 30_000;

/**
 * total: visits since counting began, the database total (refreshed at each flush) plus this instance's unwritten
 * visits; online: distinct visitors in the last 5 minutes, in this instance.
 */
export type { VisitorFigures };

export interface VisitTracker {
  /** Loads the secret and the totals, and starts the periodic flush (when an interval is set). */
  start(): Promise<void>;
  /** Counts a page view in memory; never touches the database. Ignored until `start` has finished. */
  record(view: PageView): void;
  figures(unitId: number): VisitorFigures;
  /** Writes the counts gathered since the last flush in one statement, then refreshes the cached totals. */
  flush(): Promise<void>;
  /** Stops the timer and flushes what is left (the app's close hook). */
  stop(): Promise<void>;
}

export interface VisitTrackerOptions {
  db: Database;
  /** the clock, in ms (tests inject one) */
  now?: () => number;
  /** 0: no timer (tests flush by hand) */
  flushIntervalMs?: number;
  /** units whose total is loaded at start (the site's own unit) */
  units?: number[];
  onError?: (err: unknown) => void;
}

function visitsPerUnit(increments: VisitIncrement[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const inc of increments) m.set(inc.unitId, (m.get(inc.unitId) ?? 0) + inc.visits);
  return m;
}

export function createVisitTracker(opts: VisitTrackerOptions): VisitTracker {
  const { db } = opts;
  const now = opts.now ?? Date.now;
  let counter: VisitCounter | null = null;
  const totals = new Map<number, number>();
  /** drained increments being written: still shown in the totals until the refresh */
  let inFlight = new Map<number, number>();
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();

  async function refreshTotals(unitIds: Iterable<number>) {
    for (const unitId of unitIds) totals.set(unitId, await totalVisits(db, unitId));
  }

  async function flushOnce() {
    if (!counter) return;
    counter.prune();
    const increments = counter.drain();
    if (!increments.length) return;
    inFlight = visitsPerUnit(increments);
    try {
      await addVisitCounts(db, increments);
    } catch (err) {
      counter.restore(increments);
      inFlight = new Map();
      throw err;
    }
    try {
      await refreshTotals(new Set([...totals.keys(), ...increments.map((i) => i.unitId)]));
    } finally {
      inFlight = new Map();
    }
  }

  const tracker: VisitTracker = {
    async start() {
      const secret = await installationSecret(db, VISITS_SECRET_KEY);
      await refreshTotals(opts.units ?? []);
      counter = new VisitCounter(secret, now);
      if (opts.flushIntervalMs && !timer) {
        timer = setInterval(() => {
          tracker.flush().catch((err: unknown) => opts.onError?.(err));
        }, opts.flushIntervalMs);
        timer.unref();
      }
    },
    record(view) {
      counter?.record(view);
    },
    figures(unitId) {
      if (!counter) return { total: totals.get(unitId) ?? 0, online: 0 };
      const unwritten = counter.pendingVisits(unitId) + (inFlight.get(unitId) ?? 0);
      return { total: (totals.get(unitId) ?? 0) + unwritten, online: counter.online(unitId) };
    },
    flush() {
      // one flush at a time: the next one starts when the previous has finished (successfully or not)
      const next = flushing.catch(() => undefined).then(flushOnce);
      flushing = next;
      return next;
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await tracker.flush();
    },
  };
  return tracker;
}
