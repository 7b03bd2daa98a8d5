// What checking every write costs, and how long start-up migrations take, in headless Chromium.
// Builds bench/validation-page with Vite, serves it on 127.0.0.1, and in a fresh persistent
// profile per measurement (on-disk IndexedDB) calls the page's validationCost / migrationCost.
// Writes bench/results/validation-<timestamp>.json and validation-latest.json.
//
//   node bench/validation-cost.mjs
//   VALIDATION_SIZES=1000,10000 MIGRATION_SIZES=1000,10000,100000 \
//   MIGRATION_BEFORE_SIZES=1000,10000 node bench/validation-cost.mjs
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, 'validation-page');
// Built outside the repository, so nothing of it reaches git, the linter or the formatter.
const outDir = mkdtempSync(join(tmpdir(), 'nolapse-validation-page-'));
const resultsDir = resolve(here, 'results');
const sizes = (name, fallback) =>
  (process.env[name] ?? fallback)
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
const validationSizes = sizes('VALIDATION_SIZES', '1000,10000');
const migrationSizes = sizes('MIGRATION_SIZES', '1000,10000');
const migrationBeforeSizes = sizes('MIGRATION_BEFORE_SIZES', '1000,10000');
const variants = (process.env.VALIDATION_VARIANTS ?? 'none,nolapse,zod,z-schema,ajv').split(',');

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
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      input: { csp: resolve(root, 'index.html'), open: resolve(root, 'no-csp.html') },
    },
  },
  preview: { host: '127.0.0.1', port: 4392, strictPort: false },
};

await build(viteConfig);
const server = await preview(viteConfig);
const base = server.resolvedUrls?.local?.[0];
if (!base) throw new Error('Vite preview did not report a URL');

let browserVersion = null;
/** Runs `call` in the page at `path` in a fresh profile, so every measurement starts cold. */
async function inFreshPage(path, call, arg) {
  const profile = mkdtempSync(join(tmpdir(), 'nolapse-validation-'));
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    ...(executablePath ? { executablePath } : {}),
    args,
  });
  try {
    browserVersion ??= context.browser()?.version() ?? null;
    const page = context.pages()[0] ?? (await context.newPage());
    const cspViolations = [];
    page.on('console', (m) => {
      if (/Content Security Policy|unsafe-eval/i.test(m.text())) cspViolations.push(m.text());
    });
    page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
    await page.goto(new URL(path, base).href);
    await page.waitForFunction(() => window.benchReady === true);
    page.setDefaultTimeout(0);
    const result = await page.evaluate(call, arg);
    return cspViolations.length > 0 ? { ...result, cspViolations: cspViolations.length } : result;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const t0 = Date.now();
const validation = [];
const validatorCpu = [];
const migration = [];
try {
  for (const size of validationSizes)
    for (const path of ['index.html', 'no-csp.html']) {
      const r = await inFreshPage(path, (n) => window.validatorCpuCost(n), size);
      r.csp = path === 'index.html';
      console.log(
        `validators alone, ${size} records, CSP ${r.csp ? 'on' : 'off'}:`,
        JSON.stringify(r),
      );
      validatorCpu.push(r);
    }
  for (const size of validationSizes)
    for (const variant of variants) {
      // ajv compiles validators with eval: it cannot run under the app's CSP, so it is also
      // measured without one, for reference.
      for (const path of variant === 'ajv' ? ['index.html', 'no-csp.html'] : ['index.html']) {
        process.stdout.write(`validation ${variant} ${size} ${path}… `);
        const r = await inFreshPage(path, ([v, n]) => window.validationCost(v, n), [variant, size]);
        r.csp = path === 'index.html';
        console.log(
          r.error ? `error: ${r.error}` : `insert ${r.insertMs} ms, update ${r.updateMs} ms`,
        );
        validation.push(r);
      }
    }
  for (const [how, list] of [
    ['nolapse', migrationSizes],
    ['rxdb-default', migrationBeforeSizes],
  ])
    for (const size of list) {
      process.stdout.write(`migration ${how} ${size}… `);
      const r = await inFreshPage('index.html', ([h, n]) => window.migrationCost(h, n), [
        how,
        size,
      ]);
      console.log(`${r.migrateMs} ms (${r.migrated} records)`);
      migration.push(r);
    }
} finally {
  await new Promise((done) => server.httpServer.close(done));
  rmSync(outDir, { recursive: true, force: true });
}

const result = {
  at: new Date().toISOString(),
  totalSeconds: Math.round((Date.now() - t0) / 100) / 10,
  env: {
    node: process.version,
    chromium: browserVersion,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memGB: Math.round(totalmem() / 2 ** 30),
  },
  validatorCpu,
  validation,
  migration,
};
mkdirSync(resultsDir, { recursive: true });
const stamp = result.at.replace(/[:.]/g, '-');
writeFileSync(join(resultsDir, `validation-${stamp}.json`), JSON.stringify(result, null, 2) + '\n');
writeFileSync(join(resultsDir, 'validation-latest.json'), JSON.stringify(result, null, 2) + '\n');
