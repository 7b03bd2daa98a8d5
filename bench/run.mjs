// NoLapse benchmark: builds bench/page with Vite, serves it on 127.0.0.1, and for each dataset
// size opens a fresh headless Chromium profile (fresh, on-disk IndexedDB) and runs the page's
// runBench(size) + loadQueue(). Writes bench/results/<timestamp>.json and latest.json.
// BENCH_SIZES=1000,10000 to skip the 100k run.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, 'page');
const outDir = resolve(here, '.dist');
const resultsDir = resolve(here, 'results');
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
if (sizes.length === 0) throw new Error('BENCH_SIZES must list positive integers, e.g. 1000,10000');

const executablePath =
  process.env.NOLAPSE_CHROMIUM ??
  (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const viteConfig = {
  configFile: false,
  root,
  logLevel: 'error',
  define: { __NOLAPSE_PLATFORM__: '"web"' },
  build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false },
  preview: { host: '127.0.0.1', port: 4391, strictPort: false },
};

const t0 = Date.now();
await build(viteConfig);
const server = await preview(viteConfig);
const url = server.resolvedUrls?.local?.[0];
if (!url) throw new Error('Vite preview did not report a URL');

const runs = [];
let browserVersion = null;
try {
  for (const size of sizes) {
    const profile = mkdtempSync(join(tmpdir(), 'nolapse-bench-'));
    const context = await chromium.launchPersistentContext(profile, {
      headless: true,
      ...(executablePath ? { executablePath } : {}),
      args,
    });
    try {
      browserVersion ??= context.browser()?.version() ?? null;
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
      await page.goto(url);
      await page.waitForFunction(() => window.benchReady === true);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const heapMB = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        const { metrics } = await cdp.send('Performance.getMetrics');
        const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
        return Math.round((used / 1048576) * 10) / 10;
      };
      process.stdout.write(`size ${size}: seeding + refresh… `);
      const tRun = Date.now();
      const r = await page.evaluate((n) => window.runBench(n), size);
      r.heapBeforeQueueMB = await heapMB();
      Object.assign(r, await page.evaluate(() => window.loadQueue()));
      r.heapAfterQueueMB = await heapMB();
      r.heapQueueDeltaMB = Math.round((r.heapAfterQueueMB - r.heapBeforeQueueMB) * 10) / 10;
      r.wallMs = Date.now() - tRun;
      await page.evaluate(() => window.finish());
      console.log(`done in ${(r.wallMs / 1000).toFixed(1)} s`);
      runs.push(r);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
} finally {
  await new Promise((done) => server.httpServer.close(done));
}

const result = {
  at: new Date().toISOString(),
  totalSeconds: Math.round((Date.now() - t0) / 100) / 10,
  env: {
    node: process.version,
    chromium: browserVersion,
    executablePath: executablePath ?? 'playwright default',
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memGB: Math.round(totalmem() / 2 ** 30),
  },
  scenario: {
    today: '2026-11-23',
    ordinaryDay: '2026-11-24',
    crossingDay: '2026-11-25',
    customers: 2000,
    staff: 5,
    dueDates: 'uniform −60..+730 days, ~1% placed on crossing-day thresholds',
    chunk: 5000,
  },
  runs,
};

mkdirSync(resultsDir, { recursive: true });
const stamp = result.at.replace(/[:.]/g, '-');
writeFileSync(join(resultsDir, `${stamp}.json`), JSON.stringify(result, null, 2) + '\n');
writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(result, null, 2) + '\n');

const rows = [
  ['seed renewals (ms)', (r) => r.seedRenewalsMs],
  ['seed docs/s', (r) => r.seedDocsPerSec],
  ['refresh ordinary day (ms)', (r) => r.refreshOrdinary.ms],
  ['  checked / updated', (r) => `${r.refreshOrdinary.checked} / ${r.refreshOrdinary.updated}`],
  ['refresh crossing day (ms)', (r) => r.refreshCrossing.ms],
  ['  share crossing (%)', (r) => r.refreshCrossing.crossingShare],
  ['  checked / updated', (r) => `${r.refreshCrossing.checked} / ${r.refreshCrossing.updated}`],
  [
    '  events / tasks / notified',
    (r) =>
      `${r.refreshCrossing.events} / ${r.refreshCrossing.tasks} / ${r.refreshCrossing.notified}`,
  ],
  ['refresh same day again (ms)', (r) => r.refreshCrossingRepeat.ms],
  ['reopen db (ms)', (r) => r.reopenMs],
  ['badge, office count (ms)', (r) => r.badgeOfficeMs],
  ['badge, one person (ms)', (r) => r.badgeMineMs],
  ['badge, another person, warm (ms)', (r) => r.badgeWarmMs],
  ['  office / person count', (r) => `${r.badgeOffice} / ${r.badgeMine}`],
  ['first 100 ACTIVE by due (ms)', (r) => r.firstPageActiveIndexMs],
  ['first 100 open by due, $in (ms)', (r) => r.firstPageOpenByDueMs],
  ['watchOpen 1st emission (ms)', (r) => r.watchOpenFirstEmissionMs],
  ['  open renewals', (r) => r.openRenewals],
  ['open find().exec warm (ms)', (r) => r.openFindExecWarmMs],
  ['customers load (ms)', (r) => r.customersLoadMs],
  ['buildQueue default 90d (ms)', (r) => r.buildQueueDefaultMs],
  ['buildQueue all (ms)', (r) => r.buildQueueAllMs],
  ['buildQueue all+search (ms)', (r) => r.buildQueueSearchMs],
  ['JS heap before queue (MB)', (r) => r.heapBeforeQueueMB],
  ['JS heap after queue (MB)', (r) => r.heapAfterQueueMB],
  ['wall time (s)', (r) => (r.wallMs / 1000).toFixed(1)],
];
const w0 = Math.max(...rows.map(([label]) => label.length));
const w = 18;
console.log('\n' + 'renewals'.padEnd(w0) + runs.map((r) => String(r.size).padStart(w)).join(''));
for (const [label, get] of rows) {
  console.log(label.padEnd(w0) + runs.map((r) => String(get(r) ?? '–').padStart(w)).join(''));
}
console.log(
  `\nwritten bench/results/${stamp}.json and bench/results/latest.json (${result.totalSeconds} s)`,
);
