// `npm test`: the browser files beside the server and component files, one vitest of each at a time.
// The browser tests mostly wait (on a server starting, a page, a countdown), so on two cores both
// halves together take little longer than the browser half alone. They share nothing: the browser
// tests' servers use the embedded database on free ports and no Redis. A vitest run cannot do this by
// itself: a project of one file at a time makes the whole run one file at a time.
// With arguments (`npm test -- test/unit/x.test.ts`) one plain `vitest run` takes them.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const VITEST = 'node_modules/vitest/vitest.mjs';
const SUMMARY = /^tests: (\d+) passed, (\d+) failed, (\d+) skipped$/;

interface Half {
  code: number;
  counts: [number, number, number];
}

function vitest(args: string[]): Promise<Half> {
  const child = spawn(process.execPath, [VITEST, 'run', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const counts: [number, number, number] = [0, 0, 0];
  createInterface({ input: child.stdout }).on('line', (line) => {
    process.stdout.write(`${line}\n`);
    const m = SUMMARY.exec(line);
    if (m) for (let i = 0; i < 3; i++) counts[i] = Number(m[i + 1]);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, counts })));
}

const extra = process.argv.slice(2);
if (extra.length > 0) process.exit((await vitest(extra)).code);

const halves = await Promise.all([
  vitest(['--project', 'browser']),
  vitest(['--project', 'server', '--project', 'console'])
]);
const [passed, failed, skipped] = [0, 1, 2].map((i) =>
  halves.reduce((sum, h) => sum + (h.counts[i] ?? 0), 0)
);
console.log(`all tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(halves.some((h) => h.code !== 0) ? 1 : 0);
