/**
 * Crash safety (issue "Crash safety"): 500 concurrent counter receipts over HTTP against the real server process,
 * SIGKILL in the middle, restart on the same data, retries with the same Idempotency-Keys until every receipt is
 * acknowledged. Nothing acknowledged may be lost, nothing may be done twice, and the event chains must verify.
 *
 * Runs on embedded PGlite (a temporary XASO_DATA_DIR) or, when XASO_TEST_DATABASE_URL is set, on a fresh
 * PostgreSQL database created through that admin URL (dropped afterwards); either starts as a copy of the run's
 * migrated template database (test/helpers/db.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/app.js';
import { createApiToken, findUserByUsername } from '../../src/identity/index.js';
import { openDatabase, type Database } from '../../src/platform/db/index.js';
import { verifyEventChains } from '../../src/dossiers/verify.js';
import { createProcessDatabase, type ProcessDatabase } from '../helpers/db.js';
import { spawnServer, type ServerProcess } from '../helpers/process.js';

const TOTAL = 500;
const IN_FLIGHT = 50;
const KILL_AFTER_ACKS = 200;
const ACKED_SAMPLE = 60;
const PROCEDURE = '1.004873';

interface Receipt {
  i: number;
  createKey: string;
  receiveKey: string;
  /** Acknowledged: the receive answered 200 with a dossier code. */
  code: string | null;
  /** Acknowledged before the SIGKILL. */
  ackedBeforeKill: boolean;
  /** The code a retry with the same keys returned (acknowledged-before-kill sample and the unacknowledged ones). */
  retryCode: string | null;
  retried: boolean;
  /** Status codes of failed attempts (for the failure message). */
  failures: string[];
  /** The create replayed by a retry answered a dossier already received (the receipt landed but was never acknowledged). */
  landedUnacknowledged: boolean;
}

type Server = ServerProcess;

// ---------------------------------------------------------------- database and processes

let dataDir = '';
let databaseUrl = '';
let installation: ProcessDatabase | null = null;

function serverEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XASO_DATA_DIR: path.join(dataDir, 'db'), XASO_STORAGE_DIR: path.join(dataDir, 'storage'), XASO_KEYS_DIR: path.join(dataDir, 'keys'),
    DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn',
  };
}

const startServer = (): Promise<Server> => spawnServer(serverEnv());

async function stopServer(s: Server | null, signal: NodeJS.Signals): Promise<void> {
  if (!s || s.child.exitCode !== null || s.child.signalCode !== null) return;
  s.child.kill(signal);
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 15_000);
  await s.exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------- HTTP through one keep-alive agent

let agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

function post(baseUrl: string, token: string, urlPath: string, body: unknown, idempotencyKey: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseUrl}${urlPath}`, {
      method: 'POST', agent, timeout: 60_000,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': data.length, 'idempotency-key': idempotencyKey, accept: 'application/json' },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (s: string) => (text += s));
      res.on('end', () => {
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          json = { raw: text.slice(0, 200) };
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(data);
  });
}

/** One receipt: create the counter dossier (create key), then receive it (receive key). Returns the code. */
async function receipt(baseUrl: string, token: string, r: Receipt): Promise<string> {
  const created = await post(baseUrl, token, '/api/v1/dossiers', {
    procedureCode: PROCEDURE, channel: 'counter', applicant: { fullName: `Người nộp ${r.i}`, phone: `09${String(r.i).padStart(8, '0')}` },
  }, r.createKey);
  if (created.status !== 201) throw new Error(`create ${created.status} ${JSON.stringify(created.json).slice(0, 200)}`);
  const ref = String(created.json.ref);
  if (created.json.state === 'received') r.landedUnacknowledged = !r.ackedBeforeKill;
  const received = await post(baseUrl, token, `/api/v1/dossiers/${encodeURIComponent(ref)}/actions/receive`, {}, r.receiveKey);
  if (received.status !== 200 || typeof received.json.code !== 'string' || received.json.state !== 'received') {
    throw new Error(`receive ${received.status} ${JSON.stringify(received.json).slice(0, 200)}`);
  }
  return received.json.code;
}

/** Runs `work` over `items` with at most `limit` in flight; stops taking new items once `stop()` is true. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

// ---------------------------------------------------------------- the test

describe('crash safety of counter receipts (SIGKILL mid-load, restart, idempotent retries)', () => {
  let server: Server | null = null;
  let db: Database | null = null;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'xaso-crash-'));
    installation = await createProcessDatabase(path.join(dataDir, 'db'), { migrated: true });
    databaseUrl = installation.env.DATABASE_URL;
  });

  afterAll(async () => {
    agent.destroy();
    await stopServer(server, 'SIGKILL');
    await db?.close();
    await installation?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged receipt and duplicates none', async () => {
    const t0 = Date.now();
    const timings: Record<string, number> = {};
    const mark = (name: string) => (timings[name] = Math.round((Date.now() - t0) / 100) / 10);

    // Demo data and an API token first, in this process (what `xaso seed` and `xaso token create` do), before the
    // server starts: the embedded database admits one process at a time.
    const setup = await installation!.open();
    let token: string;
    try {
      await seedDemo(setup);
      token = (await createApiToken(setup, (await findUserByUsername(setup, 'tumy.tiepnhan'))!.id, 'crash-test')).token;
    } finally {
      await setup.close();
    }
    expect(token.length).toBeGreaterThan(20);
    mark('seeded');
    server = await startServer();
    mark('firstStart');

    const run = randomBytes(4).toString('hex');
    const receipts: Receipt[] = Array.from({ length: TOTAL }, (_, i) => ({
      i, createKey: `crash-${run}-create-${i}`, receiveKey: `crash-${run}-receive-${i}`,
      code: null, ackedBeforeKill: false, retryCode: null, retried: false, failures: [], landedUnacknowledged: false,
    }));

    // Phase 1: load, SIGKILL once KILL_AFTER_ACKS receipts are acknowledged.
    let acked = 0;
    let killed = false;
    const first = server;
    let killing: Promise<void> | null = null;
    await pool(receipts, IN_FLIGHT, async (r) => {
      try {
        const code = await receipt(first.baseUrl, token, r);
        if (killed) return; // answered after the kill was decided: treated as unacknowledged (it may or may not have landed)
        r.code = code;
        r.ackedBeforeKill = true;
        if (++acked >= KILL_AFTER_ACKS && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
          killing = first.exited;
        }
      } catch (err) {
        r.failures.push(`before kill: ${(err as Error).message}`);
      }
    }, () => killed);
    await killing;
    mark('killed');
    expect(killed, `never reached ${KILL_AFTER_ACKS} acknowledgements\n${first.output().slice(-3000)}`).toBe(true);
    const preKillFailures = receipts.filter((r) => r.failures.length && !r.failures.every((f) => /ECONNRESET|ECONNREFUSED|socket hang up|EPIPE|timeout/.test(f)));
    agent.destroy();
    agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

    // Phase 2: restart on the same data; retry every unacknowledged receipt and a sample of acknowledged ones, same keys.
    server = await startServer();
    mark('restarted');
    const second = server;
    const ackedBefore = receipts.filter((r) => r.ackedBeforeKill);
    const step = Math.max(1, Math.floor(ackedBefore.length / ACKED_SAMPLE));
    const sample = ackedBefore.filter((_, k) => k % step === 0).slice(0, ACKED_SAMPLE);
    const toRetry = [...receipts.filter((r) => !r.ackedBeforeKill), ...sample];
    for (let round = 0; round < 5; round++) {
      const pending = toRetry.filter((r) => !r.retried);
      if (!pending.length) break;
      await pool(pending, IN_FLIGHT, async (r) => {
        try {
          r.retryCode = await receipt(second.baseUrl, token, r);
          r.retried = true;
          if (!r.ackedBeforeKill) r.code = r.retryCode;
        } catch (err) {
          r.failures.push(`retry round ${round}: ${(err as Error).message}`);
        }
      });
    }
    mark('retried');
    const unacked = receipts.filter((r) => !r.code);
    expect(unacked.map((r) => `${r.i}: ${r.failures.join('; ')}`), second.output().slice(-3000)).toEqual([]);
    // Retries with the same keys answer the same dossier (same code) as the acknowledgement before the kill.
    expect(sample.filter((r) => r.retryCode !== r.code).map((r) => `${r.i}: ${r.code} then ${r.retryCode}`)).toEqual([]);
    // Before the kill, every failure is the kill itself (no 4xx/5xx under load; network errors and timeouts are not counted).
    expect(preKillFailures.map((r) => `${r.i}: ${r.failures.join('; ')}`)).toEqual([]);

    // Stop the server, then look at the data directly.
    await stopServer(second, 'SIGTERM');
    server = null;
    mark('stopped');
    db = await openDatabase({ dataDir: path.join(dataDir, 'db'), databaseUrl: databaseUrl || undefined });

    const rows = await db.withRawTransaction((tx) => tx.query<{ id: string; code: string | null; create_key: string | null; state: string; register_book: string | null; register_seq: number | null; receives: string; keys: string[] | null }>(
      `select d.id, d.code, d.create_key, d.state, d.register_book, d.register_seq,
              (select count(*) from dossier_events e where e.unit_id = d.unit_id and e.dossier_id = d.id and e.action = 'receive') as receives,
              (select array_agg(e.idempotency_key) from dossier_events e where e.unit_id = d.unit_id and e.dossier_id = d.id and e.action = 'receive') as keys
       from dossiers d order by d.id`));
    const byCreateKey = new Map<string, typeof rows>();
    for (const row of rows) if (row.create_key) byCreateKey.set(row.create_key, [...(byCreateKey.get(row.create_key) ?? []), row]);

    // Exactly TOTAL dossiers in the whole database (none created twice by a retry), all received once.
    expect(rows.length).toBe(TOTAL);
    expect(rows.filter((r) => r.code !== null && r.state === 'received' && Number(r.receives) === 1).length).toBe(TOTAL);

    // Each receipt: exactly one dossier with its create key, its acknowledged code, one receive event with its key.
    const wrong: string[] = [];
    for (const r of receipts) {
      const found = byCreateKey.get(r.createKey) ?? [];
      const d = found[0];
      if (found.length !== 1 || !d) wrong.push(`${r.i} (${r.ackedBeforeKill ? 'acked before kill' : 'retried'}): ${found.length} dossiers`);
      else if (d.code !== r.code) wrong.push(`${r.i}: acknowledged ${r.code}, stored ${d.code}`);
      else if (Number(d.receives) !== 1 || d.keys?.[0] !== r.receiveKey) wrong.push(`${r.i}: receive events ${d.receives} keys ${JSON.stringify(d.keys)}`);
    }
    expect(wrong).toEqual([]);

    // Codes distinct; per-day sequence without duplicate or gap, and matching the day's counter; register numbers distinct.
    const codes = rows.map((r) => r.code!);
    expect(new Set(codes).size).toBe(TOTAL);
    const perDay = new Map<string, number[]>();
    for (const code of codes) {
      const m = /^(.+)-(\d{6})-(\d+)$/.exec(code);
      expect(m, `code ${code} does not follow {agency}-{yymmdd}-{seq}`).not.toBeNull();
      perDay.set(m![2]!, [...(perDay.get(m![2]!) ?? []), Number(m![3])]);
    }
    const counters = await db.withRawTransaction((tx) => tx.query<{ name: string; last: number }>(`select name, last from counters where name like 'code:%'`));
    for (const [day, seqs] of perDay) {
      seqs.sort((a, b) => a - b);
      expect(new Set(seqs).size, `duplicate sequence on ${day}`).toBe(seqs.length);
      expect(seqs, `gap in the sequence of ${day}`).toEqual(seqs.map((_, k) => k + 1));
      const counter = counters.find((c) => c.name === `code:20${day.slice(0, 2)}-${day.slice(2, 4)}-${day.slice(4, 6)}`);
      expect(Number(counter?.last), `counter of ${day}`).toBe(seqs.length);
    }
    const register = rows.map((r) => `${r.register_book}/${r.register_seq}`);
    expect(new Set(register).size).toBe(TOTAL);

    // The hash chains of every dossier verify.
    const report = await verifyEventChains(db);
    expect(report.problems).toEqual([]);
    expect(report.dossiers).toBe(TOTAL);
    mark('verified');

    console.log(`crash-safety (${db.kind}): ${ackedBefore.length} acknowledged before SIGKILL, ${receipts.length - ackedBefore.length} unacknowledged ` +
      `(${receipts.filter((r) => r.landedUnacknowledged).length} of them had landed), ` +
      `${sample.length} acknowledged ones retried; timings (s since start) ${JSON.stringify(timings)}`);
  }, 170_000);
});
