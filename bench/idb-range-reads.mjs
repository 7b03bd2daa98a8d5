// How IndexedDB reads an index range fastest without holding up other readers, in headless
// Chromium (bench/README.md, "Range reads by getAll"). 100,000 renewal-sized records in one
// store with the renewals' status index and the feed's [_meta.lwt+id] index; each range read
// with a cursor (RxDB's Dexie query: a request a record), one getAll, and getAll in chunks; then
// how long a screen's page of 100 waits when asked for while a 20,000-record read runs.
// Prints medians of 5 rounds; nothing is written to bench/results.
//
//   node bench/idb-range-reads.mjs
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { chromium } from '@playwright/test';
import { summarize } from './lib/stats.mjs';

const executablePath =
  process.env.NOLAPSE_CHROMIUM ??
  (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const server = createServer((_, response) => {
  response.setHeader('content-type', 'text/html');
  response.end('<!doctype html><title>range reads</title>');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({ executablePath });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const rounds = await page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('range-reads', 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore('docs', { keyPath: 'id' });
        store.createIndex('status', ['_deleted', 'status', 'dueDate', 'id']);
        store.createIndex('feed', ['_meta.lwt', 'id']);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const N = 100_000;
    const notes = 'x'.repeat(600);
    await new Promise((resolve) => {
      const tx = db.transaction('docs', 'readwrite');
      for (let i = 0; i < N; i++)
        tx.objectStore('docs').put({
          id: `ren_${String(i).padStart(6, '0')}`,
          _deleted: '0',
          status: i % 5 === 0 ? 'OVERDUE' : 'ACTIVE',
          dueDate: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
          notes,
          // The last 971 written by one day's run, as the crossing day's feed reads them.
          _meta: { lwt: i < N - 971 ? 1 : 2 },
        });
      tx.oncomplete = resolve;
    });
    const keyOf = {
      feed: (d) => [d._meta.lwt, d.id],
      status: (d) => [d._deleted, d.status, d.dueDate, d.id],
    };
    const ranges = {
      'feed of a day (971)': ['feed', IDBKeyRange.bound([2, ''], [2, '\uffff']), Infinity],
      'overdue (20,000)': [
        'status',
        IDBKeyRange.bound(['0', 'OVERDUE', ''], ['0', 'OVERDUE', '\uffff']),
        Infinity,
      ],
      'a page (100)': [
        'status',
        IDBKeyRange.bound(['0', 'ACTIVE', '2026-03'], ['0', 'ACTIVE', '\uffff']),
        100,
      ],
    };
    const index = (name) => db.transaction('docs').objectStore('docs').index(name);
    const cursor = (name, range, limit) =>
      new Promise((resolve) => {
        const out = [];
        const request = index(name).openCursor(range);
        request.onsuccess = () => {
          const c = request.result;
          if (!c) return resolve(out);
          out.push(c.value);
          if (out.length < limit) c.continue();
          else resolve(out);
        };
      });
    const chunked = (chunk) => (name, range, limit) =>
      new Promise((resolve) => {
        const ix = index(name);
        const out = [];
        const next = (from) => {
          const ask = Math.min(chunk, limit - out.length);
          const request = ix.getAll(from, ask === Infinity ? undefined : ask);
          request.onsuccess = () => {
            out.push(...request.result);
            if (request.result.length < ask || out.length >= limit) return resolve(out);
            let after;
            try {
              after = IDBKeyRange.bound(
                keyOf[name](request.result.at(-1)),
                from.upper,
                true,
                from.upperOpen,
              );
            } catch {
              return resolve(out);
            }
            next(after);
          };
        };
        next(range);
      });
    const ways = {
      cursor,
      getAll: chunked(Infinity),
      'getAll by 250': chunked(250),
      'getAll by 1000': chunked(1000),
    };
    const timed = async (read) => {
      const start = performance.now();
      await read();
      return performance.now() - start;
    };
    const out = {};
    const add = (key, ms) => (out[key] ??= []).push(Math.round(ms));
    for (let round = 0; round < 5; round++) {
      for (const [what, [name, range, limit]] of Object.entries(ranges))
        for (const [way, read] of Object.entries(ways))
          add(`${what}, ${way}`, await timed(() => read(name, range, limit)));
      const [pageName, pageRange] = ranges['a page (100)'];
      const [bigName, bigRange] = ranges['overdue (20,000)'];
      for (const way of ['cursor', 'getAll', 'getAll by 250']) {
        const big = ways[way](bigName, bigRange, Infinity);
        await new Promise((resolve) => setTimeout(resolve, 5));
        add(
          `a page asked for during the 20,000 read by ${way}`,
          await timed(() => ways.getAll(pageName, pageRange, 100)),
        );
        await big;
      }
    }
    return out;
  });
  for (const [what, ms] of Object.entries(rounds)) {
    const { median } = summarize(ms);
    console.log(`${what.padEnd(52)} ${String(median).padStart(5)} ms  ${JSON.stringify(ms)}`);
  }
} finally {
  await browser.close();
  server.close();
}
