// Suite `server`: the office server over real HTTP on 127.0.0.1 (bench/README.md). Builds the
// server for plain Node (npm run server:build), seeds an office by SQL (one INSERT ... SELECT
// generate_series per collection, as server/http/ops-queue.bench.test.ts does), then runs the
// server as `npm run server` does (node out/server/server/cli.js, its own process) and measures:
// - opsList90dMs / opsList90dMsPostgres: GET /ops/renewals?window=90 from Node, on the embedded
//   PGlite and on the local PostgreSQL (a database of its own, created and dropped here);
// - initialSyncMs: the app's sync client in Chromium pulling everything into an empty database;
// - rawJsonFetchMs: the same documents as raw JSON from the same server, in the same page.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import pg from 'pg';

export const name = 'server';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = join(repo, 'out', 'server', 'server');
const benchPage = join(repo, 'bench', '.dist');
const POSTGRES = process.env.NOLAPSE_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const OPS_RUNS = 41;
const OPS_WARMUP = 5;
/** Records per bulk write of the storage-write floor (storageWrite in bench/page/suites/server.ts). */
const STORAGE_CHUNK = 2000;
/** The most a pull page may hold (MAX_BATCH in shared/sync/protocol.ts). */
const MAX_PAGE = 500;
/** The client's page: replicateCollection's default batch size, which the app uses. */
const CLIENT_PAGE = 100;
/** NOLAPSE_BENCH_PROFILE=1: a CPU profile of the first sync (bench/results/server-sync-<size>.cpuprofile). */
const PROFILE = Boolean(process.env.NOLAPSE_BENCH_PROFILE);
const results = join(repo, 'bench', 'results');

const round = (n) => Math.round(n * 10) / 10;
const todayUtc = () => new Date().toISOString().slice(0, 10);

/** The office's records by SQL: customers, then renewals already refreshed for `today`. */
async function seed(db, officeId, size, today) {
  const customers = Math.max(1, Math.min(20000, Math.round(size / 5)));
  await db.query(
    `insert into docs (office_id, collection, id, data)
     select $1, 'customers', 'cus_' || lpad(c::text, 5, '0'),
       jsonb_build_object('id', 'cus_' || lpad(c::text, 5, '0'), 'name', 'Customer ' || c,
         'assigneeId', 'staff' || (c % 5), 'permits', '[]'::jsonb,
         'createdAt', '2026-01-01T00:00:00.000Z', 'updatedAt', '2026-01-01T00:00:00.000Z')
     from generate_series(1, $2::int) c`,
    [officeId, customers],
  );
  // Due dates uniform over -60..+730 days; stage and nextStageOn as the refresh leaves them
  // today (thresholds 90/60/30/14/7, overdue below 0), so the server's daily run finds nothing due.
  await db.query(
    `insert into docs (office_id, collection, id, data)
     select $1, 'renewals', id, jsonb_build_object('id', id,
         'customerId', 'cus_' || lpad((1 + g % $4::int)::text, 5, '0'),
         'serviceType', (array['RESIDENCE_PERMIT', 'WORK_PERMIT', 'INSURANCE_POLICY', 'DOCUMENT',
           'VISA_EXTENSION', 'TAX_FILING'])[1 + g % 6],
         'dueDate', to_char(today + d, 'YYYY-MM-DD'),
         'status', case when d < 0 then 'OVERDUE' else 'ACTIVE' end,
         'stage', case when d < 0 then 'OVERDUE' when d <= 7 then 'T7' when d <= 14 then 'T14'
           when d <= 30 then 'T30' when d <= 60 then 'T60' when d <= 90 then 'T90' end,
         'nextStageOn', case when d < 0 then '9999-12-31' else to_char(today + d - case
           when d > 90 then 90 when d > 60 then 60 when d > 30 then 30 when d > 14 then 14
           when d > 7 then 7 else -1 end, 'YYYY-MM-DD') end,
         'assigneeId', 'staff' || (g % 5),
         'notes', 'Renewal ' || g, 'complianceFlag', d < 0,
         'createdAt', '2026-01-01T00:00:00.000Z', 'updatedAt', '2026-01-01T00:00:00.000Z')
     from (select g, 'ren_' || lpad(g::text, 7, '0') as id, (g * 7919) % 791 - 60 as d,
             $3::date as today
           from generate_series(1, $2::int) g) r`,
    [officeId, size, today, customers],
  );
  await db.query('analyze');
  return { customers, renewals: size };
}

/** Opens the database the way the server does (migrated), makes an office and seeds it. */
async function prepare(config, size, today) {
  const { openDatabase } = await import(pathToFileURL(join(built, 'start.js')).href);
  const { createOffice } = await import(pathToFileURL(join(built, 'auth', 'offices.js')).href);
  const t = performance.now();
  const db = await openDatabase(config);
  try {
    const office = await createOffice(db, { name: 'Bench Office', timeZone: 'UTC' });
    const counts = await seed(db, office.officeId, size, today);
    return { ...office, counts, seedMs: Math.round(performance.now() - t) };
  } finally {
    await db.close();
  }
}

/** `node out/server/server/cli.js` on 127.0.0.1 (a free port) until `stop()`. */
async function startServer(env, log) {
  const child = spawn(process.execPath, [join(built, 'cli.js')], {
    cwd: repo,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      // The ops runs of one token would pass the per-minute limit meant for integrations.
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr = [];
  child.stderr.on('data', (d) => stderr.push(String(d)));
  // Every request is logged (LOG_LEVEL=info, the default): each one's path and the server's own
  // responseTime are kept, so the notes can say how much of a sync the server spent.
  const urls = new Map();
  let served = [];
  const url = await new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line.includes('NoLapse server ready')) {
        try {
          resolvePromise(JSON.parse(line).url);
        } catch (e) {
          reject(e);
        }
        return;
      }
      if (!line.includes('"reqId"')) return;
      const entry = JSON.parse(line);
      if (entry.req?.url) urls.set(entry.reqId, entry.req.url);
      else if (entry.responseTime !== undefined) {
        served.push({ path: (urls.get(entry.reqId) ?? '').split('?')[0], ms: entry.responseTime });
        urls.delete(entry.reqId);
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`server exited (${code}) before it was ready: ${stderr.join('')}`)),
    );
  });
  log(`server at ${url}`);
  return {
    url,
    /** The requests answered since the last call: path and the server's responseTime, in ms. */
    takeServed() {
      const taken = served;
      served = [];
      return taken;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** GET /ops/renewals?window=90, body read, OPS_RUNS times after a warm-up. */
async function opsList(ctx, url, token) {
  const get = async () => {
    const t = performance.now();
    const response = await fetch(`${url}/ops/renewals?window=90`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`ops list ${response.status}: ${JSON.stringify(body)}`);
    return { ms: performance.now() - t, body };
  };
  const first = await get();
  for (let i = 1; i < OPS_WARMUP; i++) await get();
  const figure = await ctx.repeat(OPS_RUNS, async () => (await get()).ms);
  return {
    figure,
    page: { items: first.body.items.length, total: first.body.total, counts: first.body.counts },
  };
}

/** Requests by path: how many, and the server's total responseTime (ms). */
function servedByPath(served) {
  const byPath = {};
  for (const { path, ms } of served) {
    const entry = (byPath[path] ??= { requests: 0, ms: 0 });
    entry.requests++;
    entry.ms += ms;
  }
  for (const entry of Object.values(byPath)) entry.ms = Math.round(entry.ms);
  return byPath;
}

/** A CPU profile's self time (ms) by function and by script, the 25 largest of each. */
function summarizeProfile(profile) {
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = {};
  const byScript = {};
  for (const node of profile.nodes) {
    const us = dt.get(node.id) ?? 0;
    if (!us) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const script = url.split('/').pop() || '(native)';
    const fn = `${functionName || '(anonymous)'} ${script}:${lineNumber + 1}`;
    byFunction[fn] = (byFunction[fn] ?? 0) + us / 1000;
    byScript[script] = (byScript[script] ?? 0) + us / 1000;
  }
  const top = (o) =>
    Object.fromEntries(
      Object.entries(o)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 25)
        .map(([k, v]) => [k, Math.round(v)]),
    );
  return { byFunction: top(byFunction), byScript: top(byScript) };
}

/** The bench page, served by the office server as its web app (WEB_DIR), at /bench/. */
function webDirWithBenchPage() {
  if (!existsSync(join(benchPage, 'index.html')))
    throw new Error('bench/.dist is missing: run this suite through bench/run.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'nolapse-bench-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>NoLapse bench</title>');
  cpSync(benchPage, join(dir, 'bench'), { recursive: true });
  return dir;
}

async function onPglite(ctx, size, today, notes, figures) {
  const dataDir = mkdtempSync(join(tmpdir(), 'nolapse-bench-pglite-'));
  const webDir = webDirWithBenchPage();
  try {
    const office = await prepare({ databaseUrl: null, dataDir }, size, today);
    notes.pglite = { seedMs: office.seedMs, counts: office.counts };
    ctx.log(`PGlite: seeded ${size} renewals in ${office.seedMs} ms`);
    const server = await startServer({ DATA_DIR: dataDir, WEB_DIR: webDir }, ctx.log);
    try {
      const ops = await opsList(ctx, server.url, office.adminToken);
      figures.opsList90dMs = ops.figure;
      notes.pglite.opsPage = ops.page;
      await syncInChromium(ctx, server, office, notes, figures);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(webDir, { recursive: true, force: true });
  }
}

async function syncInChromium(ctx, server, office, notes, figures) {
  const { url } = server;
  const reps = ctx.size >= 100000 ? 1 : 3;
  const expected = office.counts.renewals;
  const timeoutMs = Math.max(120_000, expected * 10);
  const b = await ctx.launch();
  try {
    await b.page.goto(`${url}/bench/`);
    await b.page.waitForFunction(() => window.benchReady === true);
    const args = { token: office.adminToken };
    // Raw first and between syncs alike: each figure is a median over runs of the same page.
    const raw = [];
    const rawClientPage = [];
    const syncs = [];
    for (let i = 0; i < reps; i++) {
      raw.push(await b.page.evaluate((a) => window.rawJsonFetch(a), { ...args, limit: MAX_PAGE }));
      rawClientPage.push(
        await b.page.evaluate((a) => window.rawJsonFetch(a), { ...args, limit: CLIENT_PAGE }),
      );
      server.takeServed();
      const profiling = PROFILE && i === 0;
      if (profiling) {
        await b.cdp.send('Profiler.enable');
        await b.cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
        await b.cdp.send('Profiler.start');
      }
      const s = await b.page.evaluate((a) => window.initialSync(a), {
        ...args,
        expected,
        name: `nolapse-sync-bench-${i}`,
        timeoutMs,
      });
      if (profiling) {
        const { profile } = await b.cdp.send('Profiler.stop');
        notes.syncProfile = summarizeProfile(profile);
        writeFileSync(join(results, `server-sync-${ctx.size}.cpuprofile`), JSON.stringify(profile));
      }
      s.server = servedByPath(server.takeServed());
      ctx.log(`initial sync ${i + 1}/${reps}: ${s.ms} ms; raw ${raw[i].ms} ms`);
      syncs.push(s);
    }
    // After the syncs: the same documents put once into a bare IndexedDB store (notes only).
    const floor = await b.page.evaluate((a) => window.rawIdbPut(a), { ...args, limit: MAX_PAGE });
    ctx.log(`raw IndexedDB put of ${floor.documents} documents: ${floor.ms} ms`);
    // And through the app's storage, every record into its collection and a meta instance, with
    // no replication protocol (a floor: what a first sync that skipped the protocol would cost).
    const written = await b.page.evaluate((a) => window.storageWrite(a), {
      ...args,
      limit: MAX_PAGE,
      name: 'nolapse-sync-bench-storage',
      chunk: STORAGE_CHUNK,
    });
    ctx.log(`storage write of ${written.documents} documents (twice each): ${written.ms} ms`);
    figures.syncStorageWriteMs = ctx.summarize([written.ms]);
    const collectionsOnly = await b.page.evaluate((a) => window.storageWrite(a), {
      ...args,
      limit: MAX_PAGE,
      name: 'nolapse-sync-bench-storage-collections',
      chunk: STORAGE_CHUNK,
      meta: false,
    });
    ctx.log(`storage write into the collections only: ${collectionsOnly.ms} ms`);
    if (PROFILE) {
      // What would move the bound: one run each, on the same page, for the notes only.
      const experiments = {
        relaxedDurability: { durability: 'relaxed' },
        pullLimit500: { pullLimit: MAX_PAGE },
        both: { durability: 'relaxed', pullLimit: MAX_PAGE },
      };
      notes.syncExperiments = {};
      for (const [key, experiment] of Object.entries(experiments)) {
        server.takeServed();
        const s = await b.page.evaluate((a) => window.initialSync(a), {
          ...args,
          expected,
          name: `nolapse-sync-bench-${key}`,
          timeoutMs,
          experiment,
        });
        s.server = servedByPath(server.takeServed());
        ctx.log(`what-if ${key}: ${s.ms} ms`);
        notes.syncExperiments[key] = {
          ms: s.ms,
          idb: s.idb,
          renewalsSpanMs: s.renewalsSpanMs,
          renewalPulls: s.byCollection.renewals,
          serverRenewalsPull: s.server['/sync/renewals/pull'],
        };
      }
    }
    figures.initialSyncMs = ctx.summarize(syncs.map((s) => s.ms));
    figures.rawJsonFetchMs = ctx.summarize(raw.map((r) => r.ms));
    notes.sync = {
      runs: reps,
      counts: syncs[0].counts,
      byCollection: syncs[0].byCollection,
      server: syncs[0].server,
      idb: syncs.map((s) => s.idb),
      beforeRenewalsMs: syncs.map((s) => s.beforeRenewalsMs),
      renewalsSpanMs: syncs.map((s) => s.renewalsSpanMs),
      raw: { limit: MAX_PAGE, requests: raw[0].requests, documents: raw[0].documents },
      rawIdbPut: floor,
      storageWrite: written,
      storageWriteCollectionsOnly: collectionsOnly,
      rawAtClientPage: {
        limit: CLIENT_PAGE,
        requests: rawClientPage[0].requests,
        ms: ctx.summarize(rawClientPage.map((r) => r.ms)),
      },
    };
  } finally {
    await b.close();
  }
}

async function onPostgres(ctx, size, today, notes, figures) {
  const database = `nolapse_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: POSTGRES });
  await admin.connect();
  await admin.query(`create database ${database}`);
  await admin.end();
  const databaseUrl = POSTGRES.replace(/\/[^/]*$/, `/${database}`);
  try {
    const office = await prepare({ databaseUrl, dataDir: '' }, size, today);
    notes.postgres = { seedMs: office.seedMs };
    ctx.log(`PostgreSQL: seeded ${size} renewals in ${office.seedMs} ms`);
    const server = await startServer({ DATABASE_URL: databaseUrl }, ctx.log);
    try {
      const ops = await opsList(ctx, server.url, office.adminToken);
      figures.opsList90dMsPostgres = ops.figure;
      notes.postgres.opsPage = ops.page;
    } finally {
      await server.stop();
    }
  } finally {
    const again = new pg.Client({ connectionString: POSTGRES });
    await again.connect();
    await again.query(`drop database if exists ${database} with (force)`);
    await again.end();
  }
}

export async function run(ctx) {
  const build = spawnSync(process.execPath, [join(repo, 'scripts', 'build-server.mjs')], {
    cwd: repo,
    env: { ...process.env, NOLAPSE_SKIP_WEB_BUILD: '1' },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`server build failed: ${build.stderr}`);
  const today = todayUtc();
  const figures = {};
  const notes = { today, opsRuns: OPS_RUNS, opsWarmup: OPS_WARMUP };
  await onPglite(ctx, ctx.size, today, notes, figures);
  await onPostgres(ctx, ctx.size, today, notes, figures);
  notes.ratio = round(figures.initialSyncMs.median / figures.rawJsonFetchMs.median);
  return { figures, notes };
}
