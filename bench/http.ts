// HTTP load on loopback with autocannon: a bare Fastify hello-world in its own process as the baseline, then the real
// server (`xaso serve --seed-demo` on a fresh PostgreSQL database, its own process) under public reads and counter
// receipts. Rates are also given as ratios to the baseline of the same run (the machine is noisy, and the load
// generator, the server and PostgreSQL share its cores). The server's RSS is sampled every 200 ms.
//
// One receipt = what a receptionist's client does at the counter through the API: POST /api/v1/dossiers (counter
// draft) then POST /api/v1/dossiers/<ref>/actions/receive, each with its own Idempotency-Key — the API has no single
// call that creates and receives. Every autocannon connection repeats that pair; the write runs are bounded by a
// request count (not a duration) so that every request sent is answered and counted, and the dossiers in the
// database can be compared exactly with the 2xx responses.
//
// Targets (reported, never fatal): public reads ≥ 50 % of the baseline's requests/s; ≥ 1,000 receipts/s;
// p99 < 50 ms at 200 requests/s; server RSS < 300 MB. Fatal: any non-2xx answer, socket error or timeout,
// or a dossier count in the database different from the 2xx answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { PROJECT_ROOT, runXaso, spawnServer, terminate, type ServerProcess } from '../test/helpers/process.js';
import { admin, adminUrl, freshDatabase, serverReachable, withDatabaseName } from './pg-admin.js';
import { rssSampler, statusField, type Memory } from './http-probes.js';
import { READ_CONNECTIONS, load, measureRead, percentile, query, sortedOf, type LoadOptions, type Measure, type WriteMeasure } from './http-load.js';

const DB_NAME = 'xaso_bench_http';
const WRITE_CONNECTIONS = 40;
const RATE = 200; // requests/s of the fixed-rate write run
const RATE_CONNECTIONS = 10;
const PROCEDURE = '1.004873';
const TARGETS = { readRatio: 0.5, receiptsPerSecond: 1000, p99AtRateMs: 50, rssMB: 300 };

// ---------------------------------------------------------------- processes

const childEnv = (): NodeJS.ProcessEnv => ({ ...process.env });

/** Bare Fastify hello-world, started the way the real server is (node --import tsx), on a free loopback port. */
async function spawnBaseline(): Promise<{ child: ChildProcess; baseUrl: string }> {
  const code = `
    import Fastify from 'fastify';
    const app = Fastify({ logger: false });
    app.get('/', async () => ({ hello: 'world' }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    console.log('listening on ' + app.server.address().port);
    process.on('SIGTERM', () => app.close().then(() => process.exit(0)));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: PROJECT_ROOT, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (out += s));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`baseline server did not start\n${out}`)), 30_000);
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /listening on (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (c) => {
      clearTimeout(timer);
      reject(new Error(`baseline server exited (${c})\n${out}`));
    });
  });
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

async function postJson(baseUrl: string, token: string, urlPath: string, body: unknown, key: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${baseUrl}${urlPath}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key },
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`POST ${urlPath}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

// ---------------------------------------------------------------- receipts

let kind: string | null = null;

/** create + receive on every connection, each request with its own Idempotency-Key under `prefix`. */
function receiptRequests(token: string, prefix: string): autocannon.Request[] {
  let n = 0;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' };
  return [
    {
      method: 'POST', path: '/api/v1/dossiers',
      setupRequest: (req, context) => {
        const i = n++;
        (context as { i?: number }).i = i;
        return {
          ...req, headers: { ...headers, 'idempotency-key': `${prefix}-c-${i}` },
          body: JSON.stringify({ procedureCode: PROCEDURE, channel: 'counter', applicant: { fullName: `Người nộp thử ${i}`, phone: `09${String(i % 1e8).padStart(8, '0')}` } }),
        };
      },
      onResponse: (status, body, context) => {
        kind = 'create';
        (context as { ref?: string }).ref = status === 201 ? String((JSON.parse(body) as { ref: string }).ref) : 'nhap-0';
      },
    },
    {
      method: 'POST',
      setupRequest: (req, context) => {
        const c = context as { i: number; ref: string };
        return { ...req, path: `/api/v1/dossiers/${encodeURIComponent(c.ref)}/actions/receive`, headers: { ...headers, 'idempotency-key': `${prefix}-r-${c.i}` }, body: '{}' };
      },
      onResponse: () => {
        kind = 'receive';
      },
    },
  ];
}

interface Tally { created2xx: number; received2xx: number }

async function measureReceipts(label: string, o: { baseUrl: string; token: string; prefix: string; receipts: number; connections: number; overallRate?: number } & Pick<LoadOptions, 'rss' | 'cpu'>): Promise<WriteMeasure> {
  const counts: Tally = { created2xx: 0, received2xx: 0 };
  const requests = receiptRequests(o.token, o.prefix);
  // count 2xx per kind through onResponse (wrapping keeps autocannon's own per-request callbacks)
  for (const [i, r] of requests.entries()) {
    const inner = r.onResponse as (status: number, body: string, context: object, headers: autocannon.Request['headers']) => void;
    r.onResponse = (status, body, context, headers) => {
      inner(status, body, context, headers);
      if (status >= 200 && status < 300) counts[i === 0 ? 'created2xx' : 'received2xx']++;
    };
  }
  // each connection does whole create+receive pairs: the amount is a multiple of 2 × connections
  const amount = Math.max(1, Math.round(o.receipts / o.connections)) * o.connections * 2;
  const raw = await load({
    label, url: o.baseUrl, connections: o.connections, amount, requests, kindOf: () => kind,
    ...(o.overallRate ? { overallRate: o.overallRate } : {}), ...(o.rss ? { rss: o.rss } : {}), ...(o.cpu ? { cpu: o.cpu } : {}),
  });
  const create = sortedOf(raw.byKind.get('create') ?? []);
  const receive = sortedOf(raw.byKind.get('receive') ?? []);
  return {
    ...raw.measure, ...counts, keyPrefix: o.prefix, overallRate: o.overallRate ?? null,
    receipts: counts.received2xx, receiptsPerSecond: counts.received2xx / raw.measure.seconds,
    createP50: percentile(create, 50), createP99: percentile(create, 99), receiveP50: percentile(receive, 50), receiveP99: percentile(receive, 99),
  };
}

// ---------------------------------------------------------------- the benchmark

const f0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : '–');
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : '–');
const pct = (x: number) => `${(100 * x).toFixed(x < 0.1 ? 1 : 0)} %`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'below target');

export async function benchHttp(opts: { short: boolean; keep?: boolean }): Promise<void> {
  if (!(await serverReachable('HTTP'))) return;
  const seconds = opts.short ? 2 : 10;
  const warm = opts.short ? 1 : 2;
  const now = new Date();
  const run = randomBytes(4).toString('hex');
  const problems: string[] = [];
  const check = <M extends Measure>(m: M): M => {
    if (m.non2xx || m.errors || m.timeouts) problems.push(`${m.label}: ${m.non2xx} non-2xx ${JSON.stringify(m.statusCodes)}, ${m.errors} errors, ${m.timeouts} timeouts`);
    return m;
  };
  const load1 = loadavg()[0]!;
  console.log(`autocannon on loopback, ${seconds} s per measurement after a ${warm} s warm-up; ${cpus().length} cores shared by load generator, server and PostgreSQL` +
    `; load average ${load1.toFixed(1)}${load1 > cpus().length ? ' (other work is running: rates are low and noisy, CPU/req is the steadier figure)' : ''}`);

  // 1. baseline
  const baseline = await spawnBaseline();
  let base: Measure;
  let baselineRss: Memory;
  try {
    const rss = rssSampler(baseline.child.pid!);
    base = await measureRead('baseline: bare Fastify GET / → {hello}', `${baseline.baseUrl}/`, seconds, warm, check, { rss, cpu: { pid: baseline.child.pid!, database: null } });
    baselineRss = rss.stop();
  } finally {
    await terminate(baseline.child);
  }
  const cpuText = (m: Measure) => `  CPU/req: server ${ms(m.serverCpuMsPerRequest ?? NaN)} ms` + (m.pgCpuMsPerRequest !== null ? `, PostgreSQL ${ms(m.pgCpuMsPerRequest)} ms` : '');
  const line = (m: Measure, ratio = true) =>
    console.log(`${m.label.padEnd(44)} ${f0(m.requestsPerSecond).padStart(7)} req/s  p50 ${ms(m.p50).padStart(6)} ms  p99 ${ms(m.p99).padStart(6)} ms` +
      (ratio ? `  ${pct(m.requestsPerSecond / base.requestsPerSecond).padStart(6)} of baseline` : '') + cpuText(m) +
      (m.non2xx || m.errors ? `  (${m.non2xx} non-2xx, ${m.errors} errors)` : ''));
  line(base, false);

  // 2. the real server on a fresh PostgreSQL database
  const url = await freshDatabase(DB_NAME);
  const dir = await mkdtemp(path.join(tmpdir(), 'xaso-bench-http-'));
  const env: NodeJS.ProcessEnv = {
    ...childEnv(), DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn',
    XASO_DATA_DIR: path.join(dir, 'db'), XASO_STORAGE_DIR: path.join(dir, 'storage'), XASO_KEYS_DIR: path.join(dir, 'keys'),
    // the public lookup allows 30 lookups a minute per client address: each benchmark request presents its own
    // address in X-Forwarded-For, as if from many citizens behind a reverse proxy
    XASO_TRUST_PROXY: 'true',
  };
  let server: ServerProcess | null = null;
  let rss: ReturnType<typeof rssSampler> | null = null;
  const reads: Measure[] = [];
  const writes: WriteMeasure[] = [];
  let memory: Memory = { startMB: null, maxMB: null, hwmMB: null };
  let dbCheck: { dossiers: number; received: number; expectedDossiers: number; expectedReceived: number } | null = null;
  let startSeconds = 0;
  try {
    const t0 = performance.now();
    server = await spawnServer(env);
    startSeconds = (performance.now() - t0) / 1000;
    rss = rssSampler(server.child.pid!);
    const cpu = { pid: server.child.pid!, database: DB_NAME };
    const token = (await runXaso(['token', 'create', '--user', 'tumy.tiepnhan', '--name', `bench-${run}`], env)).trim().split('\n').pop()!.trim();
    console.log(`\nxaso serve --seed-demo (node --import tsx, as npm start) on PostgreSQL (${DB_NAME}): started in ${startSeconds.toFixed(1)} s, ` +
      `RSS ${f0(statusField(server.child.pid!, 'VmRSS') ?? NaN)} MB idle (the baseline server: ${f0(baselineRss!.maxMB ?? NaN)} MB under load)`);

    // a received dossier, for the public lookup by code
    const draft = await postJson(server.baseUrl, token, '/api/v1/dossiers', {
      procedureCode: PROCEDURE, channel: 'counter', applicant: { fullName: 'Nguyễn Văn Tra Cứu', phone: '0912345678' },
    }, `lookup-${run}-c`);
    const received = await postJson(server.baseUrl, token, `/api/v1/dossiers/${encodeURIComponent(String(draft.ref))}/actions/receive`, {}, `lookup-${run}-r`);
    const code = String(received.code);

    let ip = 0;
    const fromManyAddresses = {
      requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, headers: { ...req.headers, 'x-forwarded-for': `10.0.${(ip >> 8) & 255}.${ip++ & 255}` } }) }],
    };
    const html = { headers: { accept: 'text/html' } };
    const cases: [string, string, Partial<LoadOptions>][] = [
      ['GET /api/v1/procedures (JSON list)', '/api/v1/procedures', {}],
      ['GET /thu-tuc (HTML list)', '/thu-tuc', html],
      ['GET /api/v1/procedures?q=chung thuc', '/api/v1/procedures?q=chung%20thuc', {}],
      ['GET /thu-tuc?q=dang ky khai sinh (HTML)', '/thu-tuc?q=dang+ky+khai+sinh', html],
      ['GET /api/v1/lookup/<code> (JSON)', `/api/v1/lookup/${encodeURIComponent(code)}`, fromManyAddresses],
      ['GET /tra-cuu?ma=<code>&sdt=5678 (HTML)', `/tra-cuu?ma=${encodeURIComponent(code)}&sdt=5678`, { ...html, ...fromManyAddresses }],
      ['GET / (portal home, HTML)', '/', html],
    ];
    console.log(`public reads (${READ_CONNECTIONS} connections; lookup of dossier ${code}):`);
    for (const [label, p, extra] of cases) {
      const m = await measureRead(label, `${server.baseUrl}${p}`, seconds, warm, check, { ...extra, rss, cpu });
      reads.push(m);
      line(m);
    }

    // 3. receipts: a warm-up by count, then full speed sized from the warm-up's rate, then a fixed 200 requests/s
    console.log(`\nreceipts (create + receive, 2 requests each; ${WRITE_CONNECTIONS} connections at full speed, ${RATE_CONNECTIONS} at ${RATE} req/s):`);
    const writeLine = (m: WriteMeasure) => {
      console.log(`${m.label.padEnd(44)} ${f0(m.receiptsPerSecond).padStart(7)} receipts/s (${f0(m.requestsPerSecond)} req/s, ${m.receipts} receipts in ${m.seconds.toFixed(1)} s)` + cpuText(m));
      console.log(`${''.padEnd(44)} latency p50 ${ms(m.p50)} ms, p99 ${ms(m.p99)} ms; create p50 ${ms(m.createP50)} p99 ${ms(m.createP99)}; receive p50 ${ms(m.receiveP50)} p99 ${ms(m.receiveP99)}`);
      const waits = Object.entries(m.pgWaits ?? {}).sort((a, b) => b[1] - a[1]);
      const total = waits.reduce((sum, [, n]) => sum + n, 0);
      if (total) console.log(`${''.padEnd(44)} PostgreSQL active sessions: ${waits.slice(0, 5).map(([w, n]) => `${w} ${(100 * n / total).toFixed(0)} %`).join(', ')}`);
    };
    const w = check(await measureReceipts('warm-up (not a result)', { baseUrl: server.baseUrl, token, prefix: `bench-${run}-w`, receipts: opts.short ? 200 : 1000, connections: WRITE_CONNECTIONS, rss, cpu }));
    writes.push(w);
    const full = check(await measureReceipts('receipts at full speed', {
      baseUrl: server.baseUrl, token, prefix: `bench-${run}-f`, receipts: Math.max(WRITE_CONNECTIONS, w.receiptsPerSecond * seconds), connections: WRITE_CONNECTIONS, rss, cpu,
    }));
    writes.push(full);
    writeLine(full);
    const paced = check(await measureReceipts(`receipts at ${RATE} req/s (${RATE / 2} receipts/s)`, {
      baseUrl: server.baseUrl, token, prefix: `bench-${run}-p`, receipts: (RATE / 2) * seconds, connections: RATE_CONNECTIONS, overallRate: RATE, rss, cpu,
    }));
    writes.push(paced);
    writeLine(paced);

    // 4. memory, then the database against the answers
    memory = rss.stop();
    rss = null;
    const [counts] = await query<{ dossiers: number; received: number }>(url,
      `select count(*)::int as dossiers, count(*) filter (where code is not null and state <> 'draft')::int as received from dossiers where create_key like $1`, [`bench-${run}-%`]);
    dbCheck = {
      dossiers: counts!.dossiers, received: counts!.received,
      expectedDossiers: writes.reduce((s, m) => s + m.created2xx, 0), expectedReceived: writes.reduce((s, m) => s + m.received2xx, 0),
    };
    console.log(`\ndatabase: ${dbCheck.dossiers} benchmark dossiers for ${dbCheck.expectedDossiers} create answers 2xx; ${dbCheck.received} received for ${dbCheck.expectedReceived} receive answers 2xx`);
    if (dbCheck.dossiers !== dbCheck.expectedDossiers || dbCheck.received !== dbCheck.expectedReceived) problems.push(`database count mismatch: ${JSON.stringify(dbCheck)}`);
    const all = [base, ...reads, ...writes];
    console.log(`non-2xx answers: ${all.reduce((s, m) => s + m.non2xx, 0)}, socket errors: ${all.reduce((s, m) => s + m.errors, 0)}, timeouts: ${all.reduce((s, m) => s + m.timeouts, 0)}` +
      ` (measured runs; warm-ups are checked too)`);
    console.log(`server RSS: ${f0(memory.startMB ?? NaN)} MB idle after start-up, ${f0(memory.maxMB ?? NaN)} MB max under load, VmHWM ${f0(memory.hwmMB ?? NaN)} MB`);
  } finally {
    rss?.stop();
    if (server) {
      if (server.child.exitCode !== null || server.child.signalCode !== null) problems.push(`server exited during the benchmark\n${server.output().slice(-3000)}`);
      const errors = server.output().split('\n').filter((l) => /"level":(50|60)/.test(l));
      if (errors.length) problems.push(`server logged ${errors.length} errors, e.g. ${errors[0]!.slice(0, 500)}`);
      await terminate(server.child);
    }
    await rm(dir, { recursive: true, force: true });
    if (!opts.keep) await admin(`drop database if exists ${DB_NAME} with (force)`);
    else console.log(`kept database ${DB_NAME} (${withDatabaseName(adminUrl(), DB_NAME)})`);
  }

  // 5. against the targets
  const full = writes[1]!;
  const paced = writes[2]!;
  const rows: [string, string, string, boolean][] = [
    ...reads.map((m): [string, string, string, boolean] => [m.label, `${pct(m.requestsPerSecond / base.requestsPerSecond)} of baseline (${f0(m.requestsPerSecond)} req/s)`, `≥ ${pct(TARGETS.readRatio)}`, m.requestsPerSecond >= TARGETS.readRatio * base.requestsPerSecond]),
    ['receipts (create + receive) at full speed', `${f0(full.receiptsPerSecond)} /s`, `≥ ${f0(TARGETS.receiptsPerSecond)} /s`, full.receiptsPerSecond >= TARGETS.receiptsPerSecond],
    [`p99 at ${RATE} req/s (p50 ${ms(paced.p50)} ms${paced.requestsPerSecond < RATE * 0.95 ? `; only ${f0(paced.requestsPerSecond)} req/s reached` : ''})`, `${ms(paced.p99)} ms`, `< ${TARGETS.p99AtRateMs} ms`, paced.p99 < TARGETS.p99AtRateMs],
    ['server RSS, max of 200 ms samples under load', `${f0(memory.maxMB ?? NaN)} MB`, `< ${TARGETS.rssMB} MB`, (memory.maxMB ?? Infinity) < TARGETS.rssMB],
    ['server VmHWM (peak RSS) at the end', `${f0(memory.hwmMB ?? NaN)} MB`, `< ${TARGETS.rssMB} MB`, (memory.hwmMB ?? Infinity) < TARGETS.rssMB],
  ];
  const load2 = loadavg()[0]!;
  console.log(`\n${'measure'.padEnd(64)} ${'measured'.padEnd(36)} ${'target'.padEnd(12)} verdict   (load average ${load1.toFixed(1)} → ${load2.toFixed(1)})`);
  for (const [label, value, target, ok] of rows) console.log(`${label.padEnd(64)} ${value.padEnd(36)} ${target.padEnd(12)} ${verdict(ok)}`);

  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const file = new URL(`./results/http-${now.toISOString().replace(/[:.]/g, '-')}${opts.short ? '-short' : ''}.json`, import.meta.url);
  writeFileSync(file, JSON.stringify({
    date: now.toISOString(), short: opts.short, machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    loadAverage: { atStart: load1, atEnd: load2 },
    secondsPerMeasurement: seconds, warmUpSeconds: warm, serverStartSeconds: startSeconds, targets: TARGETS,
    baseline: { ...base, rss: baselineRss! }, reads, writes, memory, database: dbCheck,
    verdicts: rows.map(([label, value, target, ok]) => ({ label, value, target, pass: ok })), problems,
  }, null, 2) + '\n');
  console.log(`results: ${file.pathname}`);
  if (problems.length) throw new Error(`HTTP benchmark failed:\n  ${problems.join('\n  ')}`);
}
