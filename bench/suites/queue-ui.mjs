// Suite `queue-ui`: the renewals queue through the UI of the real web build (bench/README.md).
// Seeds the app's database through /bench/ (refreshed for the real today, and today's refresh run
// once, so opening the app is an ordinary day), then opens the app at /#/queue in fresh pages of
// the same context and times what the user sees: first rows, exact counts, filter changes,
// a 10 s scroll (Chromium trace) and the JS heap after GC.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile } from '../lib/stats.mjs';

export const name = 'queue-ui';

const shots = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');
const TIMEOUT = 120_000;

/**
 * Installed before the app's scripts: records, relative to navigation start, when the first row
 * and the exact counts were in the DOM and then painted (a rAF after they appear, then a task
 * after that frame). Counts: `.buckets[data-counts-for]` (the queue's contract), or before the
 * queue sets it, every `.bucket-count` showing a number.
 */
function probe() {
  if (location.pathname.startsWith('/bench')) return;
  const marks = {};
  window.__queueBench = marks;
  const afterPaint = (key) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => (marks[key] = performance.now());
      ch.port2.postMessage(null);
    });
  const check = () => {
    if (
      marks.rowsSeen === undefined &&
      document.querySelector('.queue-body [role=row]:not([aria-busy])')
    ) {
      marks.rowsSeen = performance.now();
      afterPaint('firstRows');
    }
    if (marks.countsSeen === undefined) {
      const buckets = document.querySelector('.buckets');
      const counts = [...document.querySelectorAll('.bucket-count')];
      const exact = buckets?.hasAttribute('data-counts-for')
        ? 'attribute'
        : counts.length > 0 && counts.every((c) => /\d/.test(c.textContent ?? ''))
          ? 'fallback'
          : null;
      if (exact) {
        marks.countsSeen = performance.now();
        marks.countsBy = exact;
        afterPaint('counts');
      }
    }
    if (marks.rowsFinal === undefined && document.querySelector('.queue-table[data-rows-for]'))
      marks.rowsFinal = performance.now();
    if (marks.rowsSeen !== undefined && marks.countsSeen !== undefined && marks.rowsFinal)
      observer.disconnect();
  };
  const observer = new MutationObserver(check);
  // Called once the queue settled, so the observer costs nothing during filters and scrolling.
  window.__queueBenchStop = () => observer.disconnect();
  observer.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });
}

/** The queue is settled: final rows (contract attribute, or the foot's "N renewals shown"). */
async function settled(page) {
  await page.waitForFunction(
    () => {
      const m = window.__queueBench;
      if (!m || m.firstRows === undefined || m.counts === undefined) return false;
      if (document.querySelector('.queue-table[data-rows-for]')) return true;
      // A build with the contract (it marked its counts) settles on data-rows-for alone.
      if (m.countsBy === 'attribute') return false;
      return /renewals? shown/.test(document.querySelector('.queue-foot')?.textContent ?? '');
    },
    null,
    { timeout: TIMEOUT, polling: 50 },
  );
}

/**
 * One filter change in the page: sets the control as a user would (React's change/input
 * events), then waits for `.queue-table[data-rows-for="<new key>"]` painted, or before the queue
 * sets that attribute, for the first DOM change in the table or the counts, painted.
 */
function changeFilter([control, value, timeout, contract]) {
  const form = document.querySelector('form.filters');
  const field = (label) =>
    [...form.querySelectorAll('label')]
      .find((l) => l.textContent.trim().startsWith(label))
      .querySelector('select, input');
  const el = field(control);
  const keyNow = () =>
    [
      field('Days window').value,
      field('Service type').value,
      field('Status').value,
      field('Assignee').value,
      field('Search').value,
    ].join('|');
  const table = document.querySelector('.queue-table');
  if (value === '#1') value = el.options[1].value;
  return new Promise((resolve, reject) => {
    let t0 = 0;
    let done = false;
    const timer = setTimeout(
      () => reject(new Error(`no repaint after ${control}=${value}`)),
      timeout,
    );
    const finish = (how) => {
      if (done) return;
      done = true;
      observer.disconnect();
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          clearTimeout(timer);
          resolve({
            ms: Math.round((performance.now() - t0) * 10) / 10,
            key: keyNow(),
            how,
            rows: document.querySelectorAll('.queue-body [role=row]').length,
            rowcount: table.getAttribute('aria-rowcount'),
          });
        };
        ch.port2.postMessage(null);
      });
    };
    let key = '';
    const observer = new MutationObserver(() => {
      if (contract) {
        if (table.getAttribute('data-rows-for') === key) finish('attribute');
      } else finish('fallback');
    });
    observer.observe(table, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    const buckets = document.querySelector('.buckets');
    if (!contract)
      observer.observe(buckets, { subtree: true, childList: true, characterData: true });
    t0 = performance.now();
    if (el.tagName === 'SELECT') {
      el.value = value;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
    key = keyNow();
    if (contract && table.getAttribute('data-rows-for') === key) finish('attribute');
  });
}

/**
 * In the running app: a click on the sidebar's "Renewals queue" (from another screen) → the first
 * row, `.buckets[data-counts-for]` and `.queue-table[data-rows-for]` each painted (ms from the
 * click). This is opening the queue screen without the app's start-up (scripts, database open).
 */
function openQueueInApp(timeout) {
  return new Promise((resolve, reject) => {
    const marks = {};
    let t0 = 0;
    const timer = setTimeout(() => reject(new Error('the queue did not settle')), timeout);
    const afterPaint = (key) =>
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          marks[key] = Math.round((performance.now() - t0) * 10) / 10;
          if (marks.rows !== undefined && marks.counts !== undefined && marks.final !== undefined) {
            clearTimeout(timer);
            resolve(marks);
          }
        };
        ch.port2.postMessage(null);
      });
    const seen = new Set();
    const check = () => {
      const found = {
        rows: document.querySelector('.queue-body [role=row]:not([aria-busy])'),
        counts: document.querySelector('.buckets[data-counts-for]'),
        final: document.querySelector('.queue-table[data-rows-for]'),
      };
      for (const [key, el] of Object.entries(found))
        if (el && !seen.has(key)) {
          seen.add(key);
          afterPaint(key);
        }
      if (seen.size === 3) observer.disconnect();
    };
    const observer = new MutationObserver(check);
    observer.observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    t0 = performance.now();
    document.querySelector('nav a[href="#/queue"]').click();
  });
}

/** The changes timed, in order (each from the state the previous one left). */
const CHANGES = [
  ['Days window', '30'],
  ['Days window', '180'],
  ['Days window', 'all'],
  ['Days window', '90'],
  ['Service type', '#1'],
  ['Service type', 'all'],
  ['Assignee', '#1'],
  ['Assignee', 'all'],
  ['Search', 'novak'],
  ['Search', ''],
  ['Search', 'pol_99'],
  ['Search', ''],
];

/**
 * Scrolls `.queue-body` by `step` px each frame for `ms`, bouncing at the ends; rAF deltas, and
 * every 10th frame whether the visible part of the body shows a row with text (a frame without
 * one is blank: rows still being fetched).
 */
function scrollFor([ms, step]) {
  const body = document.querySelector('.queue-body');
  return new Promise((resolve) => {
    const deltas = [];
    let dir = 1;
    let last = 0;
    let t0 = 0;
    let maxTop = 0;
    let sampled = 0;
    let blank = 0;
    const shows = () => {
      const view = body.getBoundingClientRect();
      return [...body.querySelectorAll('[role=row]')].some((row) => {
        const r = row.getBoundingClientRect();
        return r.bottom > view.top && r.top < view.bottom && row.textContent.trim() !== '';
      });
    };
    const frame = (t) => {
      if (deltas.length % 10 === 5) {
        sampled++;
        if (!shows()) blank++;
      }
      if (last) deltas.push(t - last);
      else {
        t0 = t;
        performance.mark('queue-scroll-start');
      }
      last = t;
      if (t - t0 >= ms) {
        performance.mark('queue-scroll-end');
        return resolve({ deltas, maxTop, height: body.scrollHeight, sampled, blank });
      }
      const max = body.scrollHeight - body.clientHeight;
      let next = body.scrollTop + dir * step;
      if (next >= max || next <= 0) {
        dir = -dir;
        next = Math.max(0, Math.min(max, next));
      }
      body.scrollTop = next;
      maxTop = Math.max(maxTop, next);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** A Chromium trace of `during()` (the frame, timeline and user-timing categories). */
async function traced(cdp, during) {
  const events = [];
  const onData = ({ value }) => events.push(...value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline.frame',
        'blink.user_timing',
        'toplevel',
      ],
    },
  });
  const result = await during();
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', onData);
  return { result, events };
}

/**
 * Frame times from the trace, as DevTools counts frames: a presented frame lasts from its
 * BeginFrame to the next presented frame's BeginFrame (a frame whose BeginFrame drew nothing,
 * because the main thread was busy, stretches the one before it), between the scroll's
 * user-timing marks, in the page's renderer process. (DrawFrame timestamps themselves jitter by
 * ±2 ms in software compositing even when every vsync is met, so they are not used.)
 */
function frameTimes(events) {
  const mark = (n) => events.find((e) => e.name === n);
  const start = mark('queue-scroll-start');
  const end = mark('queue-scroll-end');
  if (!start || !end) return { deltas: [], presented: 0, beginFrames: 0, longTasks: [] };
  const inPage = (e) => e.pid === start.pid && e.ts >= start.ts && e.ts <= end.ts;
  const key = (e) => `${e.args?.layerTreeId}:${e.args?.frameSeqId}`;
  const drawn = new Set(
    events.filter((e) => e.name === 'DrawFrame' && e.pid === start.pid).map(key),
  );
  const begins = events.filter((e) => e.name === 'BeginFrame' && inPage(e));
  const presented = begins
    .filter((e) => drawn.has(key(e)))
    .map((e) => e.ts / 1000)
    .sort((a, b) => a - b);
  const deltas = [];
  for (let i = 1; i < presented.length; i++) deltas.push(presented[i] - presented[i - 1]);
  const longTasks = events
    .filter((e) => e.name === 'ThreadControllerImpl::RunTask' && inPage(e) && e.dur > 50_000)
    .map((e) => Math.round(e.dur / 1000));
  return { deltas, presented: presented.length, beginFrames: begins.length, longTasks };
}

const round1 = (n) => Math.round(n * 10) / 10;

/**
 * In the page: whether the queue's count index and the search's name index were built (each
 * read its feeds to the end once; count-index.ts, name-index.ts), read from their own IndexedDB
 * databases.
 */
async function indexesBuilt() {
  const built = async (suffix, mark) => {
    const found = (await indexedDB.databases()).find((d) => d.name?.endsWith(suffix));
    if (!found) return false;
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(found.name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      if (!db.objectStoreNames.contains('marks')) return false;
      const got = await new Promise((resolve, reject) => {
        const get = db.transaction('marks').objectStore('marks').get(mark);
        get.onsuccess = () => resolve(get.result);
        get.onerror = () => reject(get.error);
      });
      return got !== undefined;
    } finally {
      db.close();
    }
  };
  return (await built('-count-index', 'renewals:built')) && (await built('-name-index', 'built'));
}

export async function run(ctx) {
  const { size } = ctx;
  const reps = size >= 100000 ? 2 : size >= 10000 ? 3 : 5;
  const scrolls = size >= 100000 ? 1 : 2;
  const notes = { repeats: reps, scrollRuns: scrolls, changes: CHANGES.map((c) => c.join('=')) };
  const b = await ctx.launch();
  try {
    await b.context.addInitScript(probe);
    await b.page.goto(`${ctx.baseUrl}/bench/`);
    await b.page.waitForFunction(() => window.benchReady === true);
    // The real today in the page's time zone: the app's day, so opening it runs an ordinary day.
    const today = await b.page.evaluate(() => new Date().toLocaleDateString('en-CA'));
    const seed = await b.page.evaluate(
      ([n, d]) => window.seedApp({ size: n, today: d, state: 'refreshed' }),
      [size, today],
    );
    const run = await b.page.evaluate((d) => window.refreshOn(d), today);
    notes.today = today;
    notes.seedMs = seed.ms;
    notes.counts = seed.counts;
    notes.todayRun = { ms: run.ms, renewals: run.renewals, notified: run.notified };
    await b.page.close();

    // The device's first open after the import: the queue builds its count index (and the
    // search its name index) in the background, once per device (count-index.ts). Measured
    // here and reported apart (notes.firstOpen); the figures below are of the opens after it,
    // an office's every day.
    {
      const page = await b.context.newPage();
      page.on('pageerror', (e) => console.error(`[app] ${e.message}`));
      const opened = Date.now();
      await page.goto(`${ctx.baseUrl}/#/queue`);
      await settled(page);
      const marks = await page.evaluate(() => {
        window.__queueBenchStop();
        return window.__queueBench;
      });
      // Polled from here: page.waitForFunction takes the async check's promise as truthy.
      for (;;) {
        if (await page.evaluate(indexesBuilt)) break;
        if (Date.now() - opened > 300_000) throw new Error('the indexes were not built in 300 s');
        await new Promise((r) => setTimeout(r, 250));
      }
      notes.firstOpen = {
        firstRowsMs: round1(marks.firstRows),
        countsMs: round1(marks.counts),
        countsBy: marks.countsBy,
        indexesBuiltMs: Date.now() - opened,
      };
      await page.close();
    }

    const first = [];
    const counts = [];
    const heap = [];
    const inAppRows = [];
    const inAppCounts = [];
    const changes = [];
    const frames = [];
    const rafFrames = [];
    notes.runs = [];
    for (let i = 0; i < reps; i++) {
      const page = await b.context.newPage();
      page.on('pageerror', (e) => console.error(`[app] ${e.message}`));
      const cdp = await b.context.newCDPSession(page);
      try {
        await page.goto(`${ctx.baseUrl}/#/queue`);
        await settled(page);
        const marks = await page.evaluate(() => {
          window.__queueBenchStop();
          return window.__queueBench;
        });
        // Where start-up went (the app's User Timing marks, ms from navigation start), once the
        // start-up daily run is done (or 30 s).
        await page
          .waitForFunction(
            () => performance.getEntriesByName('nolapse:daily-run-done').length > 0,
            null,
            { timeout: 30_000, polling: 100 },
          )
          .catch(() => undefined);
        const startup = await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const out = {
            responseEnd: nav?.responseEnd,
            domContentLoaded: nav?.domContentLoadedEventEnd,
          };
          for (const m of performance.getEntriesByType('mark'))
            if (m.name.startsWith('nolapse:') && out[m.name.slice(8)] === undefined)
              out[m.name.slice(8)] = m.startTime;
          return Object.fromEntries(
            Object.entries(out).map(([k, v]) => [k, v === undefined ? null : Math.round(v)]),
          );
        });
        // The queue keeps the contract (data-rows-for / data-counts-for) when it marked its counts.
        const contract = marks.countsBy === 'attribute';
        first.push(marks.firstRows);
        counts.push(marks.counts);
        const info = await page.evaluate(() => ({
          rowsFor: document.querySelector('.queue-table')?.getAttribute('data-rows-for') ?? null,
          countsFor: document.querySelector('.buckets')?.getAttribute('data-counts-for') ?? null,
          rowcount: document.querySelector('.queue-table')?.getAttribute('aria-rowcount'),
          counts: [...document.querySelectorAll('.bucket-count')].map((c) => c.textContent),
          foot: document.querySelector('.queue-foot')?.textContent,
        }));
        await cdp.send('HeapProfiler.enable');
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        heap.push(usedSize / 2 ** 20);
        if (i === 0 && size >= 10000)
          await page.screenshot({ path: `${shots}/queue-ui-${size}-open.png` });

        const perChange = [];
        for (const [control, value] of CHANGES) {
          const r = await page.evaluate(changeFilter, [control, value, TIMEOUT, contract]);
          perChange.push({ change: `${control}=${value}`, ...r });
          changes.push(r.ms);
          if (i === 0 && size >= 10000 && control === 'Search' && value)
            await page.screenshot({ path: `${shots}/queue-ui-${size}-search-${value}.png` });
        }

        let scroll = null;
        if (i < scrolls) {
          // The whole open queue ("Any time"), so 10 s of scrolling never runs out of rows.
          await page.evaluate(changeFilter, ['Days window', 'all', TIMEOUT, contract]);
          await page.waitForTimeout(300);
          const { result, events } = await traced(cdp, () =>
            page.evaluate(scrollFor, [10_000, 168]),
          );
          const t = frameTimes(events);
          if (process.env.QUEUE_UI_TRACE)
            writeFileSync(process.env.QUEUE_UI_TRACE, JSON.stringify(events));
          frames.push(...t.deltas);
          rafFrames.push(...result.deltas);
          scroll = {
            presentedFrames: t.presented,
            beginFrames: t.beginFrames,
            rafFrames: result.deltas.length,
            p95TraceMs: t.deltas.length ? round1(percentile(t.deltas, 95)) : null,
            p95RafMs: round1(percentile(result.deltas, 95)),
            maxRafMs: round1(Math.max(...result.deltas)),
            longTasksMs: t.longTasks,
            blankFrames: `${result.blank} of ${result.sampled} sampled`,
            scrolledPx: result.maxTop,
            scrollHeight: result.height,
          };
          if (i === 0 && size >= 10000)
            await page.screenshot({ path: `${shots}/queue-ui-${size}-scrolled.png` });
          await page.evaluate(changeFilter, ['Days window', '90', TIMEOUT, contract]);
        }
        // Opening the queue screen inside the running app (from Settings), without start-up.
        await page.click('nav a[href="#/settings"]');
        await page.waitForSelector('.queue-page', { state: 'detached' });
        await page.waitForTimeout(500);
        const inApp = await page.evaluate(openQueueInApp, TIMEOUT);
        inAppRows.push(inApp.rows);
        inAppCounts.push(inApp.counts);
        notes.runs.push({
          startup,
          inApp,
          firstRowsMs: round1(marks.firstRows),
          firstRowsSeenMs: round1(marks.rowsSeen),
          rowsFinalMs: marks.rowsFinal === undefined ? null : round1(marks.rowsFinal),
          countsMs: round1(marks.counts),
          countsBy: marks.countsBy,
          heapMB: round1(usedSize / 2 ** 20),
          ...info,
          changes: perChange.map((c) => `${c.change}: ${c.ms} ms (${c.how}, ${c.rowcount} rows)`),
          scroll,
        });
      } finally {
        await cdp.detach().catch(() => undefined);
        await page.close();
      }
    }
    const frameSource =
      frames.length > 0 ? 'trace: BeginFrame to BeginFrame of presented frames' : 'rAF deltas';
    const used = frames.length > 0 ? frames : rafFrames;
    notes.scrollFrames = {
      source: frameSource,
      frames: used.length,
      p50: round1(percentile(used, 50)),
      p95: round1(percentile(used, 95)),
      p99: round1(percentile(used, 99)),
      rafP95: rafFrames.length ? round1(percentile(rafFrames, 95)) : null,
    };
    const figures = {
      queueFirstRowsMs: ctx.summarize(first),
      bucketCountsMs: ctx.summarize(counts),
      filterChangeMs: ctx.summarize(changes),
      scrollP95FrameMs: round1(percentile(used, 95)),
      heapQueueMB: ctx.summarize(heap),
      queueOpenInAppRowsMs: ctx.summarize(inAppRows),
      queueOpenInAppCountsMs: ctx.summarize(inAppCounts),
    };
    notes.note = `${reps} page opens (each: first rows, counts, heap, ${CHANGES.length} filter changes, then Settings → queue in the app), ${scrolls} traced 10 s scroll(s); filterChangeMs = median over all changes`;
    return { figures, notes };
  } finally {
    await b.close();
  }
}
