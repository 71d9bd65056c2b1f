import { z } from 'zod';

/** The one validated configuration object. No other file reads process.env. */
const ConfigSchema = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  databaseUrl: z.string().url().optional(),
  dataDir: z.string().default('./data'),
  storageDir: z.string().default('./storage'),
  publicUrl: z.string().url().optional(),
  keysDir: z.string().default('./keys'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  cookieSecure: z.enum(['true', 'false', 'auto']).default('auto'),
  // true (every hop), false, a number of hops, or the proxies' addresses/CIDRs separated by commas
  trustProxy: z.string().regex(/^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, 'true, false, a hop count or proxy addresses').default('false'),
  sessionHours: z.coerce.number().int().min(1).max(24 * 30).default(12),
  loginMaxFailures: z.coerce.number().int().min(1).max(100).default(5),
  loginLockMinutes: z.coerce.number().int().min(1).max(24 * 60).default(15),
  seedDemo: z.enum(['true', 'false']).default('false'),
  tsaUrl: z.string().url().optional(),
  jobIntervalSeconds: z.coerce.number().int().min(1).max(3600).default(15),
  smtpUrl: z.string().url().regex(/^smtps?:\/\//, 'smtp://… or smtps://…').optional(),
  smtpFrom: z.string().max(300).optional(),
  smsUrl: z.string().url().regex(/^https?:\/\//, 'http(s)://…').optional(),
  smsToken: z.string().max(2000).optional(),
  notifyRetryMinutes: z.string().regex(/^\d{1,5}(\s*,\s*\d{1,5})*$/, 'minutes separated by commas, e.g. 1,5,25,125').default('1,5,25,125'),
  notifyMaxAttempts: z.coerce.number().int().min(1).max(50).default(5),
  vnpayTmnCode: z.string().regex(/^[A-Za-z0-9]{4,20}$/, 'the terminal code VNPay issued (letters and digits)').optional(),
  vnpayHashSecret: z.string().min(16).max(200).optional(),
  vnpayUrl: z.string().url().regex(/^https:\/\//, 'https://…').default('https://sandbox.vnpayment.vn/paymentv2/vpcpay.html'),
  fakeGateway: z.enum(['true', 'false', 'auto']).default('auto'),
  bankWebhookSecret: z.string().min(32, 'at least 32 characters (e.g. openssl rand -hex 32)').max(500).optional(),
});

export type Config = z.infer<typeof ConfigSchema>;

/** Each environment variable, with its meaning; README's configuration table mirrors this list. */
export const ENV_VARIABLES: Record<keyof Config, { env: string; doc: string }> = {
  host: { env: 'HOST', doc: 'Address the HTTP server listens on' },
  port: { env: 'PORT', doc: 'HTTP port' },
  databaseUrl: { env: 'DATABASE_URL', doc: 'PostgreSQL URL; when unset the embedded PGlite database is used' },
  dataDir: { env: 'XASO_DATA_DIR', doc: 'Folder of the embedded PGlite database' },
  storageDir: { env: 'XASO_STORAGE_DIR', doc: 'Folder where uploaded dossier files are stored' },
  keysDir: { env: 'XASO_KEYS_DIR', doc: 'Folder of signing keys (PKCS#12, encrypted) and trusted root certificates; never in the database' },
  publicUrl: { env: 'XASO_PUBLIC_URL', doc: 'Public address of the site (printed on receipts and QR codes), e.g. https://tumy.hatinh.gov.vn' },
  logLevel: { env: 'LOG_LEVEL', doc: 'pino log level' },
  cookieSecure: { env: 'XASO_COOKIE_SECURE', doc: 'Secure flag on cookies: true, false or auto (secure when the request is HTTPS)' },
  trustProxy: { env: 'XASO_TRUST_PROXY', doc: 'Trust X-Forwarded-* headers from a reverse proxy: true, a hop count (1), or the proxy addresses (10.0.0.5,10.0.1.0/24)' },
  sessionHours: { env: 'XASO_SESSION_HOURS', doc: 'Lifetime of a sign-in session in hours' },
  loginMaxFailures: { env: 'XASO_LOGIN_MAX_FAILURES', doc: 'Wrong passwords in a row before an account is locked' },
  loginLockMinutes: { env: 'XASO_LOGIN_LOCK_MINUTES', doc: 'How long a locked account stays locked' },
  seedDemo: { env: 'XASO_SEED_DEMO', doc: 'Seed the demo province, communes, users and catalogue at start-up when the database is empty' },
  tsaUrl: { env: 'XASO_TSA_URL', doc: 'RFC 3161 timestamp authority; when set, every signature gets a timestamp (PAdES B-T)' },
  jobIntervalSeconds: { env: 'XASO_JOB_INTERVAL_SECONDS', doc: 'Seconds between runs of the background jobs of each instance (retrying unsigned approved documents, sending notifications)' },
  smtpUrl: { env: 'XASO_SMTP_URL', doc: 'SMTP server for e-mail notifications, e.g. smtps://user:password@mail.example.vn:465 (password percent-encoded); unset: e-mails go to the log' },
  smtpFrom: { env: 'XASO_SMTP_FROM', doc: 'Sender of notification e-mails, e.g. "UBND xã Tứ Mỹ <thongbao@tumy.hatinh.gov.vn>"' },
  smsUrl: { env: 'XASO_SMS_URL', doc: 'SMS gateway: JSON POST {to, text} to this URL (non-2xx = failure); unset: SMS go to the log' },
  smsToken: { env: 'XASO_SMS_TOKEN', doc: 'Bearer token sent to the SMS gateway' },
  notifyRetryMinutes: { env: 'XASO_NOTIFY_RETRY_MINUTES', doc: 'Minutes to wait before each new attempt of a failed notification (the last repeats)' },
  notifyMaxAttempts: { env: 'XASO_NOTIFY_MAX_ATTEMPTS', doc: 'Attempts before a notification is marked failed' },
  vnpayTmnCode: { env: 'XASO_VNPAY_TMN_CODE', doc: 'VNPay merchant terminal code (vnp_TmnCode); with XASO_VNPAY_HASH_SECRET, residents can pay fees online through VNPay' },
  vnpayHashSecret: { env: 'XASO_VNPAY_HASH_SECRET', doc: 'VNPay merchant hash secret (vnp_HashSecret) that signs requests and notifications; never logged' },
  vnpayUrl: { env: 'XASO_VNPAY_URL', doc: 'VNPay payment page: the sandbox by default, https://vnpayment.vn/paymentv2/vpcpay.html in production' },
  fakeGateway: { env: 'XASO_FAKE_GATEWAY', doc: 'The built-in fake VNPay (no money moves): true, false, or auto (on with XASO_SEED_DEMO=true when no VNPay merchant is set)' },
  bankWebhookSecret: { env: 'XASO_BANK_WEBHOOK_SECRET', doc: 'Shared secret of the bank webhook POST /api/v1/ngan-hang/giao-dich (HMAC-SHA256 of the body in x-xaso-signature); unset: no webhook' },
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<keyof Config, string>> = {}): Config {
  const raw: Record<string, string | undefined> = {};
  for (const [key, { env: name }] of Object.entries(ENV_VARIABLES)) {
    const value = overrides[key as keyof Config] ?? env[name];
    raw[key] = value === '' ? undefined : value;
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const key = i.path[0] as keyof Config;
      return `${ENV_VARIABLES[key]?.env ?? String(key)}: ${i.message}`;
    });
    throw new Error(`Invalid configuration:\n  ${issues.join('\n  ')}`);
  }
  return parsed.data;
}
