// NoLapse benchmark orchestrator (bench/README.md). Builds bench/page with Vite into bench/.dist,
// serves the real web build (dist-web) at `/` and the bench page at `/bench/` from one
// 127.0.0.1 origin (one IndexedDB), runs each suite in bench/suites once per size, and writes
// bench/results/<stamp>.json and latest.json.
// node bench/run.mjs [--size 1k,10k,100k] [--suite refresh,queue-ui]
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { execSync } from 'node:child_process';
import { createServer } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { repeat, summarize } from './lib/stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const outDir = resolve(here, '.dist');
const webDir = resolve(repo, 'dist-web');
const resultsDir = resolve(here, 'results');

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
};
const parseSize = (s) => {
  const m = /^(\d+(?:\.\d+)?)(k?)$/i.exec(s.trim());
  if (!m) throw new Error(`--size: cannot read "${s}" (use e.g. 1k,10k,100k)`);
  return Math.round(Number(m[1]) * (m[2] ? 1000 : 1));
};
const sizes = (opt('size') ?? process.env.BENCH_SIZES ?? '1k,10k,100k').split(',').map(parseSize);
const suiteFiles = readdirSync(join(here, 'suites')).filter((f) => f.endsWith('.mjs'));
const wanted = opt('suite')
  ?.split(',')
  .map((s) => s.trim());
const suites = [];
for (const f of suiteFiles) {
  const mod = await import(pathToFileURL(join(here, 'suites', f)).href);
  if (!wanted || wanted.includes(mod.name)) suites.push(mod);
}
if (wanted)
  for (const w of wanted) if (!suites.some((s) => s.name === w)) throw new Error(`no suite "${w}"`);

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

const t0 = Date.now();
await build({
  configFile: false,
  root: resolve(here, 'page'),
  base: '/bench/',
  logLevel: 'error',
  define: { __NOLAPSE_PLATFORM__: '"web"' },
  build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false },
});
if (!existsSync(join(webDir, 'index.html')))
  console.warn('dist-web/index.html missing: run `npm run web:build` (npm run bench does)');

const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
};
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const [base, rel] =
    path.startsWith('/bench/') || path === '/bench' ? [outDir, path.slice(6)] : [webDir, path];
  let file = normalize(join(base, rel));
  if (!file.startsWith(base)) return void res.writeHead(403).end();
  if (!existsSync(file) || statSync(file).isDirectory()) {
    file = existsSync(join(file, 'index.html'))
      ? join(file, 'index.html')
      : join(base, 'index.html');
  }
  if (!existsSync(file)) return void res.writeHead(404).end();
  res.writeHead(200, {
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const baseUrl = `http://127.0.0.1:${server.address().port}`;

let browserVersion = null;
const profiles = [];
async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'nolapse-bench-'));
  profiles.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    ...(executablePath ? { executablePath } : {}),
    args,
  });
  browserVersion ??= context.browser()?.version() ?? null;
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
  const cdp = await context.newCDPSession(page);
  return {
    context,
    page,
    cdp,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
const log = (...a) => console.log('  ', ...a);

const results = {};
for (const size of sizes) {
  for (const suite of suites) {
    process.stdout.write(`${suite.name} @ ${size}…\n`);
    const t = Date.now();
    try {
      const r = await suite.run({ size, baseUrl, launch, repeat, summarize, log });
      (results[suite.name] ??= {})[size] = { ...r, seconds: Math.round((Date.now() - t) / 1000) };
    } catch (e) {
      console.error(`  ${suite.name} @ ${size} failed: ${e?.stack ?? e}`);
      (results[suite.name] ??= {})[size] = { error: String(e?.message ?? e) };
    }
  }
}
server.close();
for (const p of profiles) rmSync(p, { recursive: true, force: true });

// Figure → { size → median }.
const figure = (name, size) => {
  for (const bySize of Object.values(results)) {
    const f = bySize[size]?.figures?.[name];
    if (f !== undefined) return typeof f === 'number' ? f : f.median;
  }
  return null;
};
const largest = Math.max(...sizes);
const ratio = (a, b) =>
  a == null || b == null || b === 0 ? null : Math.round((a / b) * 1000) / 1000;
const at = (name, size) => (sizes.includes(size) ? figure(name, size) : null);
const ratios = {
  noCrossingRefreshVsRawScan: ratio(
    figure('refreshNoCrossingMs', largest),
    figure('rawGetAllMs', largest),
  ),
  crossingDayRefreshVsRawScan: ratio(
    figure('refreshCrossingMs', largest),
    figure('rawGetAllMs', largest),
  ),
  firstRefreshAfterImportVsRawPut: ratio(
    figure('firstRefreshAfterImportMs', largest),
    figure('rawPutMs', largest),
  ),
  queueFirstRows100kVs1k: ratio(at('queueFirstRowsMs', 100000), at('queueFirstRowsMs', 1000)),
  bucketCounts100kMs: at('bucketCountsMs', 100000),
  filterChange100kMs: at('filterChangeMs', 100000),
  scrollP95FrameMs: figure('scrollP95FrameMs', largest),
  heapQueue100kMB: at('heapQueueMB', 100000),
  initialSyncVsRawJson: ratio(figure('initialSyncMs', largest), figure('rawJsonFetchMs', largest)),
  opsList90dMedianMs: figure('opsList90dMs', largest),
  opsList90dMedianMsPostgres: figure('opsList90dMsPostgres', largest),
};
/**
 * The same refresh ratios with only the floor under each run's writes on top: what the run wrote,
 * written again with raw IndexedDB into the same indexed stores (bench/README.md, "The floor
 * under the writes"). And the first sync's records written through the app's storage with no
 * sync protocol, against the same raw fetch ("A first sync without the protocol"). Not targets:
 * what bounds the ratios that write.
 */
const floors = {
  crossingDayWritesRawVsRawScan: ratio(
    figure('crossingWritesRawMs', largest),
    figure('rawGetAllMs', largest),
  ),
  firstRefreshWritesRawVsRawPut: ratio(
    figure('firstRefreshWritesRawMs', largest),
    figure('rawPutMs', largest),
  ),
  initialSyncStorageWriteVsRawJson: ratio(
    figure('syncStorageWriteMs', largest),
    figure('rawJsonFetchMs', largest),
  ),
};
const targets = {
  noCrossingRefreshVsRawScan: 0.05,
  crossingDayRefreshVsRawScan: 0.5,
  firstRefreshAfterImportVsRawPut: 2,
  queueFirstRows100kVs1k: 2,
  bucketCounts100kMs: 100,
  filterChange100kMs: 100,
  scrollP95FrameMs: 16.7,
  heapQueue100kMB: 150,
  initialSyncVsRawJson: 3,
  opsList90dMedianMs: 50,
  opsList90dMedianMsPostgres: 50,
};

const commit = (() => {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: repo }).toString().trim();
  } catch {
    return null;
  }
})();
const out = {
  at: new Date().toISOString(),
  commit,
  env: {
    node: process.version,
    chromium: browserVersion,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memGB: Math.round(totalmem() / 2 ** 30),
    platform: process.platform,
  },
  sizes,
  suites: results,
  ratios,
  targets,
  floors,
  ratiosAt: {
    size: largest,
    scaleRatios: sizes.includes(1000) && sizes.includes(100000) ? '100k vs 1k' : null,
  },
  seconds: Math.round((Date.now() - t0) / 1000),
};
mkdirSync(resultsDir, { recursive: true });
const stamp = out.at.replace(/[:.]/g, '-');
writeFileSync(join(resultsDir, `${stamp}.json`), JSON.stringify(out, null, 2) + '\n');
writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(out, null, 2) + '\n');

console.log('\nfigure'.padEnd(28) + sizes.map((s) => String(s).padStart(12)).join(''));
const names = [
  ...new Set(
    Object.values(results).flatMap((b) =>
      Object.values(b).flatMap((r) => Object.keys(r.figures ?? {})),
    ),
  ),
];
for (const n of names)
  console.log(n.padEnd(27) + sizes.map((s) => String(figure(n, s) ?? '-').padStart(12)).join(''));
for (const [suite, b] of Object.entries(results))
  for (const [s, r] of Object.entries(b))
    if (r.error) console.log(`ERROR ${suite} @ ${s}: ${r.error}`);
console.log(
  `\nratio (at ${largest})`.padEnd(36) + 'value'.padStart(10) + 'target'.padStart(10) + '  met?',
);
for (const [k, v] of Object.entries(ratios))
  console.log(
    k.padEnd(35) +
      String(v ?? '-').padStart(10) +
      `≤${targets[k]}`.padStart(10) +
      '  ' +
      (v == null ? 'n/a' : v <= targets[k] ? 'met' : 'MISSED'),
  );
for (const [k, v] of Object.entries(floors))
  console.log(k.padEnd(35) + String(v ?? '-').padStart(10) + '  (floor, not a target)');
console.log(`\nwrote bench/results/${stamp}.json (${out.seconds} s)`);
