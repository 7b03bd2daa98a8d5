// Seeds the generated office into the app's database in headless Chromium (the bench page's
// seedApp), runs the real daily job on TODAY, DAY1 and DAY2 (the refresh suite's refreshOn) and
// prints what each run did and every problem the runs reported; exits 1 on any problem.
//   flock /tmp/nolapse-bench.lock node bench/data/check-office.mjs --size 10k
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const arg = process.argv.indexOf('--size');
const sizeText = arg > 0 ? process.argv[arg + 1] : '10k';
const size = Number(sizeText.replace(/k$/i, '000'));
const outDir = mkdtempSync(join(tmpdir(), 'nolapse-check-page-'));
const profile = mkdtempSync(join(tmpdir(), 'nolapse-check-profile-'));
await build({
  configFile: false,
  root: resolve(here, '..', 'page'),
  base: '/bench/',
  logLevel: 'error',
  define: { __NOLAPSE_PLATFORM__: '"web"' },
  build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false },
});
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  let file = normalize(join(outDir, path.replace(/^\/bench\/?/, '')));
  if (!file.startsWith(outDir)) return void res.writeHead(403).end();
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(outDir, 'index.html');
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const context = await chromium.launchPersistentContext(profile, {
  headless: true,
  executablePath: process.env.NOLAPSE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
let problems = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
  await page.goto(`http://127.0.0.1:${server.address().port}/bench/`);
  await page.waitForFunction(() => window.benchReady === true);
  const seed = await page.evaluate((n) => window.seedApp({ size: n }), size);
  console.log(`seeded ${size} in ${seed.ms} ms:`, JSON.stringify(seed.counts));
  const { TODAY, DAY1, DAY2 } = await page.evaluate(() => window.benchDates);
  for (const day of [TODAY, DAY1, DAY2]) {
    const r = await page.evaluate((d) => window.refreshOn(d), day);
    const { checked, updated, events, tasks } = r.renewals;
    console.log(
      `${day}: ${r.ms} ms, renewals ${JSON.stringify({ checked, updated, events, tasks })}, notified ${r.notified}, shown ${r.shown}`,
    );
  }
  problems = await page.evaluate(() => window.appProblems());
  console.log(`problems: ${problems.length}`);
  for (const p of problems) console.log(`  ${p.title}: ${p.body}`);
} finally {
  await context.close();
  server.close();
  rmSync(outDir, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}
process.exit(problems.length > 0 ? 1 : 0);
