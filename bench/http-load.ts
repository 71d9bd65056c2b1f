// One bounded autocannon run against the server, with what the probes saw meanwhile, and the figures it reports.
import autocannon from 'autocannon';
import pg from 'pg';
import { cpuSnapshot, cpuUsed, rssSampler, waitSampler } from './http-probes.js';

export const READ_CONNECTIONS = 50;

export interface Measure {
  label: string;
  url: string;
  connections: number;
  seconds: number;
  responses: number;
  requestsPerSecond: number;
  /** latency of each answer in ms (autocannon's own timing, kept at full resolution) */
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** highest server RSS sampled during the run (MB; the baseline server's for the baseline) */
  rssMaxMB: number | null;
  /** CPU time (user + system) per answer, of the server process and of its PostgreSQL backends: less noisy than rates */
  serverCpuMsPerRequest: number | null;
  pgCpuMsPerRequest: number | null;
  /** PostgreSQL sessions of the benchmark database by wait event, sampled every 200 ms (write runs only) */
  pgWaits?: Record<string, number>;
}

export interface WriteMeasure extends Measure {
  receipts: number;
  receiptsPerSecond: number;
  created2xx: number;
  received2xx: number;
  createP50: number;
  createP99: number;
  receiveP50: number;
  receiveP99: number;
  overallRate: number | null;
  keyPrefix: string;
}

/** Runs one statement on the database at `url` (a connection of its own). */
export async function query<T>(url: string, statement: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(statement, params)).rows as T[];
  } finally {
    await c.end();
  }
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const sortedOf = (xs: number[]) => Float64Array.from(xs).sort();

// ---------------------------------------------------------------- load runs

export interface LoadOptions {
  label: string;
  url: string;
  connections: number;
  /** duration-bounded run … */
  seconds?: number;
  /** … or request-count-bounded (every request sent is answered) */
  amount?: number;
  overallRate?: number;
  headers?: Record<string, string>;
  requests?: autocannon.Request[];
  /** kind of the answer that just arrived ('create', 'receive'), set by a request's onResponse */
  kindOf?: () => string | null;
  rss?: ReturnType<typeof rssSampler>;
  /** the server process whose CPU time is counted, and the database whose backends are */
  cpu?: { pid: number; database: string | null };
}

export interface RawRun {
  measure: Measure;
  byKind: Map<string, number[]>;
  lastResponseAt: number;
  startedAt: number;
}

export async function load(o: LoadOptions): Promise<RawRun> {
  o.rss?.window();
  const latencies: number[] = [];
  const byKind = new Map<string, number[]>();
  let lastResponseAt = 0;
  const waits = o.cpu?.database && o.requests?.length === 2 ? await waitSampler(o.cpu.database) : null;
  const cpuBefore = o.cpu ? cpuSnapshot(o.cpu.pid, o.cpu.database) : null;
  const startedAt = performance.now();
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({
      url: o.url, connections: o.connections, pipelining: 1, timeout: 30, sampleInt: 200,
      ...(o.amount ? { amount: o.amount } : { duration: o.seconds ?? 10 }),
      // autocannon's coordinated-omission correction assumes 1 ms between requests at any rate: keep raw latencies
      ...(o.overallRate ? { overallRate: o.overallRate, ignoreCoordinatedOmission: true } : {}),
      ...(o.headers ? { headers: o.headers } : {}),
      ...(o.requests ? { requests: o.requests } : {}),
    }, (err, result) => (err ? reject(err) : resolve(result)));
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
    lastResponseAt = performance.now();
    const kind = o.kindOf?.();
    if (kind) {
      let list = byKind.get(kind);
      if (!list) byKind.set(kind, (list = []));
      list.push(responseTime);
    }
  });
  const r = await done;
  const cpu = cpuBefore ? cpuUsed(cpuBefore, cpuSnapshot(o.cpu!.pid, o.cpu!.database)) : { server: null, pg: null };
  const pgWaits = waits ? await waits() : null;
  const sorted = sortedOf(latencies);
  const seconds = o.amount ? (lastResponseAt - startedAt) / 1000 : r.duration;
  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = count ?? 0;
  return {
    startedAt, lastResponseAt, byKind,
    measure: {
      label: o.label, url: o.url, connections: o.connections, seconds, responses: latencies.length, requestsPerSecond: latencies.length / seconds,
      p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN,
      non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, statusCodes, rssMaxMB: o.rss?.window() ?? null,
      serverCpuMsPerRequest: cpu.server !== null ? cpu.server / latencies.length : null, pgCpuMsPerRequest: cpu.pg !== null ? cpu.pg / latencies.length : null,
      ...(pgWaits ? { pgWaits } : {}),
    },
  };
}

/** A warm-up run (checked, not reported), then the measured run. */
export async function measureRead(label: string, url: string, seconds: number, warmSeconds: number, check: (m: Measure) => Measure, extra: Partial<LoadOptions> = {}): Promise<Measure> {
  check((await load({ label: `${label} (warm-up)`, url, connections: READ_CONNECTIONS, seconds: warmSeconds, ...extra })).measure);
  return check((await load({ label, url, connections: READ_CONNECTIONS, seconds, ...extra })).measure);
}
