import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { loadConfig, ENV_VARIABLES, type Config } from './config.js';
import { VERSION } from './version.js';
import { migrate, openDatabase } from './platform/db/index.js';
import type { verifyEventChains } from './dossiers/verify.js';

// Each command imports what it uses when it runs: the web application (./app.js and everything it registers) takes
// seconds to load, and commands such as migrate, token create, keys import or restore do not need it.
const appModule = () => import('./app.js');

const help = async () => `xaso ${VERSION} — Xã Số, nền tảng xã số (digital commune platform)

Cách dùng / Usage: xaso <lệnh> [tùy chọn]

Lệnh / Commands:
  serve [--seed-demo] [--port N] [--host H]   Chạy máy chủ web (start the web server)
  migrate                                      Áp dụng các migration cơ sở dữ liệu (apply database migrations)
  seed                                         Nạp dữ liệu mẫu: tỉnh Hà Tĩnh, xã Tứ Mỹ, tài khoản, thủ tục (seed demo data)
  seed --dossiers N --year YYYY [--unit CODE] [--concurrency N]
                                               Sinh N hồ sơ mẫu trong năm (generate a year of demo dossiers)
  seed --dossiers N --year YYYY --bulk [--units K | --unit CODE]
                                               Sinh nhanh N hồ sơ mẫu cho mỗi đơn vị: K xã, phường đầu tiên của tỉnh theo mã
                                               (fast bulk mode for load tests: N dossiers in each of the first K communes)
  backup FILE [--with-keys]                    Sao lưu nhất quán cơ sở dữ liệu và tệp đã lưu vào một tệp .tar.gz có mã kiểm tra
                                               (consistent backup; --with-keys also copies the keys folder)
  restore FILE [--skip-verify]                 Khôi phục bản sao lưu vào bản cài đặt trống, rồi kiểm tra chuỗi băm
                                               (restore into an empty installation, then verify the event chains)
  audit verify                                 Kiểm tra chuỗi băm nhật ký hồ sơ (verify the dossier event chains)
  keys init                                    Tạo CA THỬ NGHIỆM và chứng thư số mẫu cho đơn vị, lãnh đạo (TEST keys for the demo)
  keys import --unit CODE [--replace] FILE.p12 Nhập chứng thư số tổ chức thật của đơn vị từ PKCS#12 (import a unit's seal certificate)
  keys import --user NAME [--replace] FILE.p12 Nhập chứng thư số cá nhân của cán bộ ký (import a signing officer's certificate)
                                               Mật khẩu tệp: biến XASO_P12_PASSPHRASE hoặc nhập khi được hỏi, không qua tham số
  keys trust ROOT.pem|ROOT.cer                 Thêm chứng thư gốc (CA) tin cậy, PEM hoặc DER (add a trusted root)
  site list                                    Liệt kê trang thông tin của các xã, phường (list the websites)
  site add CODE [--domain D | --no-domain]     Mở trang thông tin cho đơn vị, đặt hoặc bỏ tên miền riêng
                                               (open a unit's website; set or remove its own domain name)
  token create --user NAME [--name LABEL]      Tạo API token cho tài khoản (create an API token; shown once)
  --help                                       Trợ giúp này (this help)

Cấu hình qua biến môi trường / Configuration (environment variables):
${Object.values(ENV_VARIABLES).map((v) => `  ${v.env.padEnd(26)} ${v.doc}`).join('\n')}
`;

/** Adds a server setting to a PostgreSQL URL (`options=-c name=value`). */
function withOption(url: string, setting: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `${u.searchParams.get('options') ?? ''} -c ${setting}`.trim());
  return u.toString();
}

async function withDatabase<T>(config: Config, fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function serve(config: Config) {
  const { buildApp } = await appModule();
  const app = await buildApp(config);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.server.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.server.listen({ host: config.host, port: config.port });
  const address = app.server.server.address();
  const port = address && typeof address === 'object' ? address.port : config.port;
  console.log(`Xã Số đang chạy tại http://${config.host}:${port} (database: ${app.db.kind})`);
}

function printChainReport(report: Awaited<ReturnType<typeof verifyEventChains>>): number {
  // Each broken chain once, at its first broken link: later links of the same chain follow from it.
  const first = new Map<string, (typeof report.problems)[number]>();
  for (const p of report.problems) if (!first.has(`${p.unitId}/${p.dossierId}`)) first.set(`${p.unitId}/${p.dossierId}`, p);
  for (const p of [...first.values()].slice(0, 100)) {
    console.error(`HỎNG: hồ sơ ${p.code ?? '(nháp)'} (đơn vị ${p.unitId}, mã nội bộ ${p.dossierId}), mắt xích hỏng đầu tiên: ` +
      `${p.seq === null ? 'cuối chuỗi' : `sự kiện số ${p.seq}`}: ${p.problem}`);
  }
  console.log(`Đã kiểm tra ${report.dossiers} hồ sơ, ${report.events} sự kiện: ` +
    `${report.problems.length ? `${first.size} chuỗi bị hỏng (${report.problems.length} lỗi)` : 'chuỗi băm toàn vẹn'}.`);
  return report.problems.length ? 1 : 0;
}

async function backupCommand(config: Config, file: string, withKeys: boolean): Promise<number> {
  const [{ createBackup }, { audit }] = await Promise.all([import('./platform/backup/index.js'), import('./platform/audit.js')]);
  const db = await openDatabase(config);
  try {
    const started = Date.now();
    const { manifest, missingFiles } = await createBackup(db, { out: file, storageDir: config.storageDir, keysDir: withKeys ? config.keysDir : undefined, appVersion: VERSION });
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
    console.log(`Đã sao lưu ${manifest.tables.length} bảng (${rows} dòng), ${manifest.files.length} tệp` +
      `${withKeys ? `, ${manifest.keys.length} tệp khóa` : ''} vào ${file} trong ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    await audit(db, { action: 'backup.create', details: { file: basename(file), tables: manifest.tables.length, rows, files: manifest.files.length, keys: manifest.keys.length, missingFiles: missingFiles.length } });
    for (const key of missingFiles.slice(0, 100)) console.error(`THIẾU TỆP: ${key} (có trong cơ sở dữ liệu, không có trong thư mục lưu tệp)`);
    return missingFiles.length ? 1 : 0;
  } finally {
    await db.close();
  }
}

async function restoreCommand(config: Config, file: string, verify: boolean): Promise<number> {
  const [{ restoreBackup, RestoreRefused }, { audit }, { verifyEventChains }] = await Promise.all([
    import('./platform/backup/index.js'), import('./platform/audit.js'), import('./dossiers/verify.js'),
  ]);
  const db = await openDatabase(config);
  try {
    const manifest = await restoreBackup(db, { archive: file, storageDir: config.storageDir, keysDir: config.keysDir }).catch((err: unknown) => {
      if (err instanceof RestoreRefused) return err;
      throw err;
    });
    if (manifest instanceof RestoreRefused) {
      console.error(manifest.message);
      return 1;
    }
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
    await audit(db, { action: 'backup.restore', details: { file: basename(file), createdAt: manifest.createdAt, tables: manifest.tables.length, rows, files: manifest.files.length, keys: manifest.keys.length } });
    console.log(`Đã khôi phục ${manifest.tables.length} bảng (${rows} dòng), ${manifest.files.length} tệp, ${manifest.keys.length} tệp khóa từ bản sao lưu lúc ${manifest.createdAt}.`);
    return verify ? printChainReport(await verifyEventChains(db)) : 0;
  } finally {
    await db.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      'seed-demo': { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      user: { type: 'string' },
      name: { type: 'string' },
      dossiers: { type: 'string' },
      year: { type: 'string' },
      unit: { type: 'string' },
      concurrency: { type: 'string' },
      units: { type: 'string' },
      bulk: { type: 'boolean' },
      replace: { type: 'boolean' },
      'with-keys': { type: 'boolean' },
      'skip-verify': { type: 'boolean' },
      domain: { type: 'string' },
      'no-domain': { type: 'boolean' },
    },
  });
  const [command, sub] = positionals;
  if (values.help || !command) {
    process.stdout.write(await help());
    return command || values.help ? 0 : 1;
  }
  const config = loadConfig(process.env, {
    ...(values.port ? { port: values.port } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(values['seed-demo'] ? { seedDemo: 'true' } : {}),
  });
  switch (command) {
    case 'serve':
      await serve(config);
      return -1; // keeps running
    case 'migrate': {
      const db = await openDatabase(config);
      const applied = await migrate(db).finally(() => db.close());
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất (up to date).');
      return 0;
    }
    case 'seed':
      return withDatabase(config, async (db) => {
        const { seedDemo } = await appModule();
        await seedDemo(db);
        console.log('Đã nạp dữ liệu mẫu (demo data seeded).');
        if (!values.dossiers) return 0;
        const count = Number(values.dossiers);
        const year = Number(values.year ?? new Date().getFullYear());
        if (!Number.isInteger(count) || count < 1 || count > 10_000_000 || !Number.isInteger(year) || year < 2000 || year > 2100) {
          console.error('--dossiers phải là số nguyên dương và --year là năm hợp lệ.');
          return 2;
        }
        const units = values.units === undefined ? null : Number(values.units);
        if (units !== null && (!values.bulk || !Number.isInteger(units) || units < 1 || values.unit)) {
          console.error('--units K (số nguyên dương) chỉ dùng với --bulk và không dùng cùng --unit.');
          return 2;
        }
        const started = Date.now();
        const concurrency = Number(values.concurrency ?? (db.kind === 'postgres' ? 6 : 1));
        // Demo data can be generated again, so its commits need not wait for the disk (PostgreSQL only; the
        // application itself always commits synchronously).
        const bulk = config.databaseUrl ? await openDatabase({ ...config, databaseUrl: withOption(config.databaseUrl, 'synchronous_commit=off') }) : db;
        try {
          if (values.bulk) {
            const [{ bulkSeedDossiers, communeCodes }, { DEMO_COMMUNE_CODE }] = await Promise.all([import('./dossiers/bulk-seed.js'), import('./identity/index.js')]);
            const unitCodes = units === null ? [values.unit ?? DEMO_COMMUNE_CODE] : await communeCodes(db, units);
            if (units !== null && unitCodes.length < units) {
              console.error(`Chỉ có ${unitCodes.length} xã, phường trong danh sách đơn vị.`);
              return 2;
            }
            let shown = 0;
            const r = await bulkSeedDossiers(bulk, {
              perUnit: count, year, unitCodes,
              onProgress: (n) => {
                if (n - shown < 100_000 && n < count * unitCodes.length) return;
                shown = n;
                console.log(`  ${n} hồ sơ (${((Date.now() - started) / 1000).toFixed(0)} s)`);
              },
            });
            console.log(`Đã sinh ${r.dossiers} hồ sơ, ${r.events} sự kiện cho ${unitCodes.length} đơn vị trong ${r.writeSeconds.toFixed(1)} s ` +
              `(${Math.round(r.dossiers / r.writeSeconds)} hồ sơ/s)${db.kind === 'postgres' ? `; vacuum analyze ${r.vacuumSeconds.toFixed(1)} s` : ''}.`);
            return 0;
          }
          const [{ generateDossiers }, { DEMO_COMMUNE_CODE }] = await Promise.all([import('./dossiers/generate.js'), import('./identity/index.js')]);
          const result = await generateDossiers(bulk, {
            count, year, unitCode: values.unit ?? DEMO_COMMUNE_CODE, concurrency,
            onProgress: (n) => console.log(`  ${n} hồ sơ (${((Date.now() - started) / 1000).toFixed(0)} s)`),
          });
          console.log(`Đã sinh ${result.created} hồ sơ trong ${((Date.now() - started) / 1000).toFixed(1)} s.`);
          return 0;
        } finally {
          if (bulk !== db) await bulk.close();
        }
      });
    case 'keys': {
      const keysArgs = { sub, files: positionals.slice(2), unit: values.unit, user: values.user, replace: values.replace };
      const [{ keysUsageError, runKeysCommand }, { openKeystore }, { initTestKeys }] = await Promise.all([
        import('./documents/keys/cli.js'), import('./documents/keys/keystore.js'), import('./documents/keys/init.js'),
      ]);
      const usage = keysUsageError(keysArgs);
      if (usage) {
        console.error(usage);
        return 2;
      }
      return withDatabase(config, async (db) => {
        const ks = openKeystore(config.keysDir);
        if (sub !== 'init') {
          return runKeysCommand(db, ks, keysArgs, {
            passphraseEnv: process.env.XASO_P12_PASSPHRASE, stdin: process.stdin, prompt: process.stderr, out: (line) => console.log(line),
          });
        }
        const created = await initTestKeys(db, ks);
        console.log(created.length ? `Đã tạo (TEST, không dùng thật): ${created.join(', ')}` : 'Khóa đã có sẵn, không tạo thêm.');
        return 0;
      });
    }
    case 'backup':
    case 'restore': {
      const file = sub;
      if (!file || positionals.length > 2) {
        console.error(`Cách dùng: xaso ${command} FILE`);
        return 2;
      }
      return command === 'backup' ? backupCommand(config, file, Boolean(values['with-keys'])) : restoreCommand(config, file, !values['skip-verify']);
    }
    case 'audit': {
      if (sub !== 'verify') {
        console.error('Cách dùng: xaso audit verify');
        return 2;
      }
      const { verifyEventChains } = await import('./dossiers/verify.js');
      return withDatabase(config, async (db) => {
        return printChainReport(await verifyEventChains(db));
      });
    }
    case 'site': {
      const siteArgs = { sub, code: positionals[2], domain: values.domain, noDomain: Boolean(values['no-domain']) };
      const { runSiteCommand, siteUsageError, SITE_USAGE } = await import('./portal/sites/cli.js');
      const usage = positionals.length > 3 ? SITE_USAGE : siteUsageError(siteArgs);
      if (usage) {
        console.error(usage);
        return 2;
      }
      return withDatabase(config, (db) => runSiteCommand(db, siteArgs, (line) => console.log(line)));
    }
    case 'token': {
      if (sub !== 'create' || !values.user) {
        console.error('Cách dùng: xaso token create --user NAME [--name LABEL]');
        return 2;
      }
      const [{ createApiToken, findUserByUsername }, { audit }] = await Promise.all([import('./identity/index.js'), import('./platform/audit.js')]);
      return withDatabase(config, async (db) => {
        const user = await findUserByUsername(db, values.user!);
        if (!user) {
          console.error(`Không tìm thấy tài khoản "${values.user}".`);
          return 1;
        }
        const { id, token } = await createApiToken(db, user.id, values.name ?? 'cli');
        await audit(db, { actorUserId: user.id, action: 'apiToken.create', target: `api_token:${id}`, details: { via: 'cli' } });
        console.log(token);
        return 0;
      });
    }
    default:
      console.error(`Lệnh không hợp lệ: ${command}\n`);
      process.stdout.write(await help());
      return 2;
  }
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry || process.env.XASO_CLI === '1') {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
