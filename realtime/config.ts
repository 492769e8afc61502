// Every setting the process reads, checked once at start: a bad value stops it with the variable named.
import { z } from 'zod';
import { DEMO_TECHNICIANS } from './demo/catalog';
import { DEMO_HISTORY_DAYS } from './demo/history';
import type { NotifySettings } from './notify/setup';
import { DEFAULT_SMS_TEMPLATE } from './notify/sms';
import { WEBHOOK_FORMATS } from './notify/webhook';

const flag = z.enum(['0', '1']).transform((v) => v === '1');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  SIMULATE: flag.optional(),
  DEMO: flag.optional(),
  MAP_TILE_URL: z.string().url().optional(),
  COOKIE_SECURE: flag.default(false),
  ADMIN_USERNAME: z
    .string()
    .regex(/^[a-z0-9._-]{3,64}$/, 'expected 3–64 lowercase letters, digits, dots, dashes or underscores')
    .optional(),
  ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters').max(200).optional(),
  DEMO_TECHNICIANS: z.coerce.number().int().min(100).max(20_000).default(DEMO_TECHNICIANS),
  DEMO_HISTORY_DAYS: z.coerce.number().int().min(0).max(90).default(DEMO_HISTORY_DAYS),
  SIM_ORDERS_PER_MINUTE: z.coerce.number().min(0).max(6000).default(12),
  SIM_SPEED: z.coerce.number().min(1).max(1000).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NOTIFY_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(2000),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  NOTIFY_DIGEST_WINDOW_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000),
  NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  NOTIFY_WEBHOOK_URL: z.string().url().optional(),
  NOTIFY_WEBHOOK_FORMAT: z.enum(WEBHOOK_FORMATS).default('wecom'),
  NOTIFY_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'expected smtp:// or smtps://')
    .optional(),
  NOTIFY_EMAIL_FROM: z.string().min(3).max(300).optional(),
  NOTIFY_SMS_URL: z.string().url().optional(),
  NOTIFY_SMS_KEY: z.string().min(16).optional(),
  NOTIFY_SMS_TEMPLATE: z.string().min(1).max(500).default(DEFAULT_SMS_TEMPLATE)
});

/** Half a channel's settings is a mistake, not a channel turned off: say which half is missing. */
const PAIRS = [
  ['ADMIN_USERNAME', 'ADMIN_PASSWORD'],
  ['NOTIFY_SMTP_URL', 'NOTIFY_EMAIL_FROM'],
  ['NOTIFY_SMS_URL', 'NOTIFY_SMS_KEY']
] as const;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  simulate: boolean;
  demo: boolean;
  /** How many technicians the demo seeds (the wall at scale: 10,000). */
  demoTechnicians: number;
  /** Days of completed orders the demo starts with (0: none). */
  demoHistoryDays: number;
  tileUrl: string | null;
  /** Session cookies only over HTTPS: on behind TLS. */
  secureCookies: boolean;
  /** The first administrator of a database without demo users. */
  admin: { username: string; password: string } | null;
  simOrdersPerMinute: number;
  simSpeed: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  notify: NotifySettings;
}

export function readConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.superRefine((e, ctx) => {
    for (const [a, b] of PAIRS)
      if ((e[a] === undefined) !== (e[b] === undefined))
        ctx.addIssue({ code: 'custom', path: [e[a] ? b : a], message: `set together with ${e[a] ? a : b}` });
  }).safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid settings: ${problems}`);
  }
  const e = parsed.data;
  const embedded = !e.DATABASE_URL;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    // The demo fleet and seed are on by default only where the database is our own embedded one.
    simulate: e.SIMULATE ?? embedded,
    demo: e.DEMO ?? embedded,
    demoTechnicians: e.DEMO_TECHNICIANS,
    demoHistoryDays: e.DEMO_HISTORY_DAYS,
    tileUrl: e.MAP_TILE_URL ?? null,
    secureCookies: e.COOKIE_SECURE,
    admin:
      e.ADMIN_USERNAME && e.ADMIN_PASSWORD
        ? { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD }
        : null,
    simOrdersPerMinute: e.SIM_ORDERS_PER_MINUTE,
    simSpeed: e.SIM_SPEED,
    logLevel: e.LOG_LEVEL,
    notify: {
      intervalMs: e.NOTIFY_INTERVAL_MS,
      maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
      digestWindowMs: e.NOTIFY_DIGEST_WINDOW_MS,
      timeoutMs: e.NOTIFY_TIMEOUT_MS,
      webhook: { url: e.NOTIFY_WEBHOOK_URL, format: e.NOTIFY_WEBHOOK_FORMAT },
      email:
        e.NOTIFY_SMTP_URL && e.NOTIFY_EMAIL_FROM
          ? { smtpUrl: e.NOTIFY_SMTP_URL, from: e.NOTIFY_EMAIL_FROM }
          : null,
      sms:
        e.NOTIFY_SMS_URL && e.NOTIFY_SMS_KEY
          ? { url: e.NOTIFY_SMS_URL, key: e.NOTIFY_SMS_KEY, template: e.NOTIFY_SMS_TEMPLATE }
          : null
    }
  };
}
