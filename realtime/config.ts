// Every setting the process reads, checked once at start: a bad value stops it with the variable named.
import { z } from 'zod';

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
  SIM_ORDERS_PER_MINUTE: z.coerce.number().min(0).max(6000).default(12),
  SIM_SPEED: z.coerce.number().min(1).max(1000).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  simulate: boolean;
  demo: boolean;
  tileUrl: string | null;
  simOrdersPerMinute: number;
  simSpeed: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
}

export function readConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
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
    tileUrl: e.MAP_TILE_URL ?? null,
    simOrdersPerMinute: e.SIM_ORDERS_PER_MINUTE,
    simSpeed: e.SIM_SPEED,
    logLevel: e.LOG_LEVEL
  };
}
