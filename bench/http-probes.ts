// What the HTTP benchmark watches besides the load generator's own figures: the server's memory (VmRSS, VmHWM),
// CPU time of the server and of its PostgreSQL backends (Linux /proc), and what PostgreSQL sessions wait for.
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { adminUrl } from './pg-admin.js';

// ---------------------------------------------------------------- server memory

export function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null; // not Linux, or the process is gone
  }
}

export interface Memory {
  /** RSS when sampling began (the server idle after start-up) */
  startMB: number | null;
  /** highest RSS sampled */
  maxMB: number | null;
  /** VmHWM: the kernel's peak RSS of the process, read at the end */
  hwmMB: number | null;
}

/** Samples a process's VmRSS every 200 ms; `window()` gives the highest value since the last call. */
export function rssSampler(pid: number) {
  const startMB = statusField(pid, 'VmRSS');
  let max = 0;
  let windowMax = 0;
  const sample = () => {
    const mb = statusField(pid, 'VmRSS');
    if (mb !== null) {
      max = Math.max(max, mb);
      windowMax = Math.max(windowMax, mb);
    }
  };
  sample();
  const timer = setInterval(sample, 200);
  return {
    window(): number | null {
      sample();
      const w = windowMax;
      windowMax = 0;
      return w || null;
    },
    stop(): Memory {
      sample();
      clearInterval(timer);
      return { startMB, maxMB: max || null, hwmMB: statusField(pid, 'VmHWM') };
    },
  };
}

// ---------------------------------------------------------------- CPU time (Linux /proc; USER_HZ is 100)

export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** CPU time of the server process and of the PostgreSQL backends connected to `database`. */
export function cpuSnapshot(serverPid: number, database: string | null): { server: number | null; pg: Map<number, number> } {
  const pg = new Map<number, number>();
  if (database) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let cmd = '';
      try {
        cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (cmd.startsWith('postgres: ') && cmd.includes(` ${database} `)) {
        const ms = cpuMsOf(Number(entry));
        if (ms !== null) pg.set(Number(entry), ms);
      }
    }
  }
  return { server: cpuMsOf(serverPid), pg };
}

/** CPU milliseconds used between two snapshots (backends that ended in between count up to the first snapshot). */
export function cpuUsed(a: ReturnType<typeof cpuSnapshot>, b: ReturnType<typeof cpuSnapshot>): { server: number | null; pg: number | null } {
  let pgMs = 0;
  for (const [pid, ms] of b.pg) pgMs += ms - (a.pg.get(pid) ?? 0);
  return { server: a.server !== null && b.server !== null ? b.server - a.server : null, pg: b.pg.size ? pgMs : null };
}

/** Samples what the sessions of `database` wait for (pg_stat_activity) every 200 ms until stopped; lock waits name the waiting statement. */
export async function waitSampler(database: string) {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  const counts: Record<string, number> = {};
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await c.query<{ wait: string; n: number }>(
        `select coalesce(wait_event_type || ':' || wait_event, 'CPU (no wait)')
           || case when wait_event_type = 'Lock' then ' (' || regexp_replace(left(ltrim(query), 36), '\\s+', ' ', 'g') || '…)' else '' end as wait,
           count(*)::int as n from pg_stat_activity
         where datname = $1 and state = 'active' and pid <> pg_backend_pid() group by 1`, [database]);
      for (const r of rows) counts[r.wait] = (counts[r.wait] ?? 0) + r.n;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    await c.end();
    return counts;
  };
}
