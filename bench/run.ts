// npm run bench — speed figures as ratios to a baseline measured in the same run (the machine is noisy).
// npm run bench -- [calendar] [http] [signing] [reports] [--short] [--keep]: only the sections named (default: all);
// --short (or BENCH_SHORT=1) makes the report benchmark small enough for CI, --keep keeps its database.
import { buildApp, seedDemo } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, migrate } from '../src/platform/db/index.js';
import { createWorkingCalendar } from '../src/calendar/index.js';
import { benchSigning } from './signing.js';
import { benchReports } from './reports.js';

const args = process.argv.slice(2);
const sections = args.filter((a) => !a.startsWith('--'));
const want = (section: string) => sections.length === 0 || sections.includes(section);

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
  const db = await openDatabase({ dataDir: 'memory://', databaseUrl: undefined });
  await migrate(db);
  await seedDemo(db);
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }), db);
  const health = await rate('HTTP baseline: GET /healthz (inject)', 2_000, () => app.server.inject('/healthz'));
  const search = await rate('GET /api/v1/procedures?q=chung thuc', 2_000, () => app.server.inject('/api/v1/procedures?q=chung%20thuc'));
  const page = await rate('GET /thu-tuc?q=dang ky khai sinh (HTML)', 1_000, () => app.server.inject({ url: '/thu-tuc?q=dang+ky+khai+sinh', headers: { accept: 'text/html' } }));
  console.log(`ratio search/healthz: ${(search / health).toFixed(3)}; catalogue page/healthz: ${(page / health).toFixed(3)}`);
  await app.close();
  await db.close();
}

if (want('signing')) {
  console.log('\nSigning (PAdES, CAdES detached):');
  await benchSigning();
}

if (want('reports')) {
  console.log('\nReports on PostgreSQL (processing report over dossier_stats):');
  await benchReports({ short: args.includes('--short') || process.env.BENCH_SHORT === '1', keep: args.includes('--keep') });
}
