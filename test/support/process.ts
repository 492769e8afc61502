// The real server as a newcomer runs it (`npm run serve`), in a child process with its own data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  base: string;
  port: number;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `realtime/main.ts`. With `dataDir` the folder is kept on stop; with `port` too, a stopped
 * server can be started again in its place (the same address, database and sessions): a restart.
 */
export async function startServerProcess(
  env: Record<string, string> = {},
  dataDir?: string,
  port?: number
): Promise<ServerProcess> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'dispatch-e2e-'));
  port ??= await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    // A month of history takes seconds to seed on every fresh start: only the tests that look at it ask.
    DEMO_HISTORY_DAYS: '0',
    ...env
  };
  // The newcomer's start uses the embedded database: CI's service URLs must not leak in.
  delete childEnv.DATABASE_URL;
  delete childEnv.REDIS_URL;
  const child: ChildProcess = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'realtime/main.ts'], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    // Two minutes: a first start seeds the demo company (and, when asked, its month of history).
    if (i > 1200) throw new Error(`server did not become healthy:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    port,
    dataDir: dir,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    }
  };
}
