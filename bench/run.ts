// npm run bench — speed figures as ratios to a baseline measured in the same run (the machine is noisy).
// npm run bench -- [calendar] [http] [signing] [reports] [backup] [--short] [--keep]: only the sections named (default: all);
// --short (or BENCH_SHORT=1) makes every section small enough for CI, --keep keeps the benchmark databases.
import { createWorkingCalendar } from '../src/calendar/index.js';
import { benchSigning } from './signing.js';
import { benchReports } from './reports.js';
import { benchHttp } from './http.js';
import { benchBackup } from './backup.js';

const args = process.argv.slice(2);
const sections = args.filter((a) => !a.startsWith('--'));
const want = (section: string) => sections.length === 0 || sections.includes(section);
const short = args.includes('--short') || process.env.BENCH_SHORT === '1';

async function rate(label: string, iterations: number, fn: (i: number) => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(50, iterations); i++) await fn(i); // warm up
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = iterations / seconds;
  console.log(`${label.padEnd(48)} ${perSecond.toFixed(0).padStart(9)} /s`);
  return perSecond;
}

if (want('calendar')) {
  const calendar = createWorkingCalendar();
  const base = Date.UTC(2026, 0, 5, 2, 0);
  const dateBaseline = await rate('baseline: Date construction + toISOString', 200_000, (i) => new Date(base + i * 3_600_000).toISOString());
  const deadline = await rate('calendar: 5 working days deadline', 200_000, (i) => calendar.computeDeadline(new Date(base + (i % 5000) * 3_600_000), { value: 5, unit: 'working-days' }));
  console.log(`ratio deadline/baseline: ${(deadline / dateBaseline).toFixed(3)}`);
}

if (want('http')) {
  console.log('\nHTTP load (autocannon, loopback; baseline: bare Fastify in its own process):');
  await benchHttp({ short, keep: args.includes('--keep') });
}

if (want('signing')) {
  console.log('\nSigning (PAdES, CAdES detached):');
  await benchSigning({ short });
}

if (want('reports')) {
  console.log('\nReports on PostgreSQL (processing report over dossier_stats):');
  await benchReports({ short, keep: args.includes('--keep') });
}

if (want('backup')) {
  console.log('\nBackup and restore on PostgreSQL (baseline: pg_dump -Fc and pg_restore of the same database):');
  await benchBackup({ short });
}
