// Suite `refresh`: the daily refresh against raw IndexedDB baselines (bench/README.md).
export const name = 'refresh';

/** The collections a daily run writes, whose raw rewrite is the floor under its writes. */
const WRITTEN = [
  'renewals',
  'events',
  'tasks',
  'notifications',
  'policies',
  'transactions',
  'autorenewals',
  'instances',
];

async function open(ctx) {
  const b = await ctx.launch();
  await b.page.goto(`${ctx.baseUrl}/bench/`);
  await b.page.waitForFunction(() => window.benchReady === true);
  return b;
}

export async function run(ctx) {
  const { size } = ctx;
  const reps = size >= 100000 ? 1 : 3;
  const notes = { repeats: reps };
  const figures = {};
  const b = await open(ctx);
  const { TODAY, DAY1, DAY2 } = await b.page.evaluate(() => window.benchDates);
  try {
    const seed = await b.page.evaluate(
      (n) => window.seedApp({ size: n, state: 'refreshed' }),
      size,
    );
    notes.seedMs = seed.ms;
    notes.counts = seed.counts;
    // The app ran today's refresh already (it showed today's notices): do the same, so DAY1 is
    // an ordinary next day and not the office's first run.
    const today = await b.page.evaluate((d) => window.refreshOn(d), TODAY);
    notes.todayRun = { ms: today.ms, renewals: today.renewals, notified: today.notified };
    figures.rawGetAllMs = await ctx.repeat(
      reps,
      async () => (await b.page.evaluate(() => window.rawGetAll())).ms,
    );
    figures.rawPutMs = await ctx.repeat(
      reps,
      async (i) => (await b.page.evaluate(([n, r]) => window.rawPut(n, r), [size, i])).ms,
    );
    // DAY1 crosses nothing and writes nothing, so it repeats on the same data (three runs at
    // every size: each is short). First once as the start-up run meets it, the collections'
    // IndexedDB databases still opening; then as the running app refreshes, with them open.
    const cold = await b.page.evaluate((d) => window.refreshOn(d, true), DAY1);
    figures.refreshNoCrossingColdMs = cold.ms;
    const day1 = [];
    figures.refreshNoCrossingMs = await ctx.repeat(3, async () => {
      const r = await b.page.evaluate((d) => window.refreshOn(d), DAY1);
      day1.push(r);
      return r.ms;
    });
    notes.day1 = {
      renewals: day1[0].renewals,
      notified: day1[0].notified,
      openMs: day1.map((r) => r.openMs),
      calls: day1[0].calls,
      cold: { ms: cold.ms, notified: cold.notified, calls: cold.calls },
    };
    // DAY2 writes; only the first run crosses, so one run per profile.
    const r2 = await b.page.evaluate((d) => window.refreshOn(d), DAY2);
    figures.refreshCrossingMs = r2.ms;
    const floor2 = await b.page.evaluate(
      ([since, cs]) => window.rawRewrite(since, cs),
      [r2.since, WRITTEN],
    );
    figures.crossingWritesRawMs = floor2.ms;
    notes.day2 = {
      renewals: r2.renewals,
      notified: r2.notified,
      shown: r2.shown,
      runs: 1,
      calls: r2.calls,
      writesRaw: floor2.by,
    };
  } finally {
    await b.close();
  }
  // First refresh after an import: a fresh profile, unstaged renewals, refresh of TODAY.
  const imports = size >= 100000 ? 1 : 2;
  const first = [];
  figures.firstRefreshAfterImportMs = await ctx.repeat(imports, async () => {
    const c = await open(ctx);
    try {
      await c.page.evaluate((n) => window.seedApp({ size: n, state: 'unstaged' }), size);
      const r = await c.page.evaluate((d) => window.refreshOn(d), TODAY);
      const floor = await c.page.evaluate(
        ([since, cs]) => window.rawRewrite(since, cs),
        [r.since, WRITTEN],
      );
      first.push({ ...r, floor });
      return r.ms;
    } finally {
      await c.close();
    }
  });
  figures.firstRefreshWritesRawMs = ctx.summarize(first.map((r) => r.floor.ms));
  notes.firstRefresh = {
    renewals: first[0].renewals,
    runs: imports,
    calls: first[0].calls,
    writesRaw: first[0].floor.by,
  };
  notes.note = size >= 100000 ? 'one run per figure at 100k' : `${reps} runs (crossing day: 1)`;
  return { figures, notes };
}
