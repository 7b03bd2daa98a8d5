import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { debounceTime, map, of } from 'rxjs';
import {
  bucketSegments,
  buildQueue,
  QUEUE_PAGE,
  queueSegments,
  type QueuePage,
  type QueueView,
  urgencyOf,
  type QueueFilters,
  type QueueRow,
  type QueueSegment,
  type Urgency,
} from '../../../../shared/renewals/queue';
import { SCAN_START, type MatchScan } from '../../../../shared/renewals/queue-search';
import type { Renewal } from '../../../../shared/schema/renewal';
import { daysUntilDue } from '../../../../shared/time';
import { useObservable, type useServices } from '../shared/services';

type QueueReader = ReturnType<typeof useServices>['data']['renewals']['queue'];

/** What the queue shows: `total` rows, read by index (`rowAt`) or from a search's matches. */
export type QueueModel = {
  total: number | undefined;
  /** False while `total` counts only the rows read so far (a search still reading on). */
  totalKnown: boolean;
  counts: Record<Urgency, number> | undefined;
  rowAt(index: number): QueueRow | undefined;
  /** Read the pages that rows `start`..`end` (inclusive) lie in, when not read yet. */
  request(start: number, end: number): void;
  /** Whether rows `start`..`end` are the current ones (read since the last change, names known). */
  ready(start: number, end: number): boolean;
};

type Cached = { gen: number; page: QueuePage };

/** A number that grows on every renewal change (debounced by `ms`), while `enabled`. */
function useChangeGeneration(reader: QueueReader, enabled: boolean, ms: number): number {
  const [gen, setGen] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const subscription = reader
      .changes()
      .pipe(debounceTime(ms))
      .subscribe(() => setGen((g) => g + 1));
    return () => subscription.unsubscribe();
  }, [reader, enabled, ms]);
  return gen;
}

/** The queue's index segments for the filters (the search aside), once today is known. */
function useQueueSegments(
  filters: QueueFilters,
  today: string | undefined,
  enabled: boolean,
): QueueSegment[] | null {
  const { window: win, serviceType, status, assigneeId } = filters;
  return useMemo(
    () =>
      today && enabled
        ? queueSegments({ window: win, serviceType, status, assigneeId, search: '' }, today)
        : null,
    [today, enabled, win, serviceType, status, assigneeId],
  );
}

/**
 * The queue by index (no search): segment counts give the row count, the rows on screen come
 * in keyset pages of QUEUE_PAGE, bucket counts are index counts. A change to any renewal reads
 * the pages on screen again (the counts follow by themselves), nothing else.
 */
export function useIndexedQueue(
  reader: QueueReader,
  filters: QueueFilters,
  today: string | undefined,
  enabled: boolean,
): QueueModel {
  const { window: win, serviceType, status, assigneeId } = filters;
  const segments = useQueueSegments(filters, today, enabled);
  // Pages read for the current segments; new filters (or a new day) start a new cache, and a
  // read for an old one is dropped when it arrives.
  const cache = useRef<{
    segments: QueueSegment[] | null;
    pages: Map<string, Cached>;
    inflight: Set<string>;
  }>({ segments: null, pages: new Map(), inflight: new Set() });
  if (cache.current.segments !== segments)
    cache.current = { segments, pages: new Map(), inflight: new Set() };
  const [, repaint] = useReducer((n: number) => n + 1, 0);
  const gen = useChangeGeneration(reader, true, 30);

  const load = useCallback(
    (segment: number, page: number) => {
      const mine = cache.current;
      if (!mine.segments) return;
      const key = `${segment}:${page}`;
      const held = mine.pages.get(key);
      const flight = `${gen}:${key}`;
      if ((held && held.gen === gen) || mine.inflight.has(flight)) return;
      mine.inflight.add(flight);
      const before = mine.pages.get(`${segment}:${page - 1}`);
      const from = before && before.gen === gen ? before.page.next : null;
      void reader
        .page(mine.segments[segment]!, page, from)
        .then((read) => {
          if (cache.current === mine) {
            mine.pages.set(key, { gen, page: read });
            repaint();
          }
        })
        .finally(() => mine.inflight.delete(flight));
    },
    [gen, reader],
  );
  // Every segment's first page is asked for before its count (this effect comes before the
  // counts' own): IndexedDB serves requests in turn, and at 100k a count of a long range holds
  // every read behind it for a second. The first rows show from these pages alone.
  const loadNow = useRef(load);
  useEffect(() => {
    loadNow.current = load;
  });
  useEffect(() => {
    segments?.forEach((_, s) => loadNow.current(s, 0));
  }, [segments]);

  const segmentCounts = useObservable(
    () => (segments ? reader.watchSegmentCounts(segments) : of(undefined)),
    [reader, segments],
  );
  // By index counts, the bucket counts are asked for once the first screen is read, the first
  // time only: at 100k the "later" range alone is a second of IndexedDB's time (see the effect
  // above). From the count index (built on this device) they cost a few small reads: at once.
  const provisional = provisionalStarts(segments, cache.current.pages);
  const firstScreenIn = segmentCounts !== undefined && provisional !== null;
  const [countsOn, setCountsOn] = useState(false);
  useEffect(() => {
    if (firstScreenIn) setCountsOn(true);
  }, [firstScreenIn]);
  const bucketsNow = useMemo(
    () =>
      today && enabled
        ? bucketSegments({ window: win, serviceType, status, assigneeId, search: '' }, today)
        : null,
    // The window does not change the counts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [today, enabled, serviceType, status, assigneeId],
  );
  useEffect(() => {
    if (countsOn || !bucketsNow) return;
    let live = true;
    void reader.counter
      .counts(Object.values(bucketsNow).flat())
      .then((cheap) => live && cheap && setCountsOn(true))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [countsOn, bucketsNow, reader]);
  const buckets = countsOn ? bucketsNow : null;
  const counts = useObservable(
    () => (buckets ? reader.watchBucketCounts(buckets) : of(undefined)),
    [reader, buckets],
  );

  const exactStarts = useMemo(() => {
    if (!segmentCounts) return null;
    const out: number[] = [];
    let at = 0;
    for (const n of segmentCounts) {
      out.push(at);
      at += n;
    }
    return { out, total: at, known: true };
  }, [segmentCounts]);
  const starts = exactStarts ?? provisional;

  const where = useCallback(
    (index: number): { segment: number; page: number; at: number } | null => {
      if (!starts) return null;
      for (let s = starts.out.length - 1; s >= 0; s--) {
        if (index >= starts.out[s]!) {
          const offset = index - starts.out[s]!;
          return { segment: s, page: Math.floor(offset / QUEUE_PAGE), at: offset % QUEUE_PAGE };
        }
      }
      return null;
    },
    [starts],
  );

  const pagesOf = useCallback(
    (start: number, end: number) => {
      const keys = new Map<string, { segment: number; page: number }>();
      if (!starts) return keys;
      const last = Math.min(end, starts.total - 1);
      for (let i = Math.max(0, start); i <= last;) {
        const w = where(i)!;
        keys.set(`${w.segment}:${w.page}`, w);
        // The next page of this segment, or the next segment's first, whichever comes first.
        i = Math.min(i + QUEUE_PAGE - w.at, starts.out[w.segment + 1] ?? Infinity);
      }
      return keys;
    },
    [starts, where],
  );

  const request = useCallback(
    (start: number, end: number) => {
      for (const { segment, page } of pagesOf(start, end).values()) load(segment, page);
    },
    [load, pagesOf],
  );

  // One row object per renewal read and day: the table's rows are memoised on it, so a scroll
  // frame renders only the rows that came into view.
  const rowOf = useMemo(() => today && rowsOfDay(today), [today]);
  const rowAt = useCallback(
    (index: number) => {
      const w = where(index);
      if (!w || !rowOf) return undefined;
      const renewal = cache.current.pages.get(`${w.segment}:${w.page}`)?.page.rows[w.at];
      return renewal && rowOf(renewal);
    },
    [where, rowOf],
  );

  const ready = useCallback(
    (start: number, end: number) => {
      if (!starts) return false;
      for (const key of pagesOf(start, end).keys()) {
        if (cache.current.pages.get(key)?.gen !== gen) return false;
      }
      return true;
    },
    [starts, pagesOf, gen],
  );

  return {
    total: starts?.total,
    totalKnown: starts?.known ?? false,
    counts,
    rowAt,
    request,
    ready,
  };
}

/**
 * Where each segment starts before the counts are in, from the segments' first pages alone: a
 * first page shorter than QUEUE_PAGE is its whole segment. The first full one ends what is known,
 * and one pending row after it stands for the rest. Null until every first page is read.
 */
export function provisionalStarts(
  segments: readonly QueueSegment[] | null,
  pages: ReadonlyMap<string, Cached>,
): { out: number[]; total: number; known: boolean } | null {
  if (!segments || !segments.every((_, s) => pages.has(`${s}:0`))) return null;
  const out: number[] = [];
  let at = 0;
  for (let s = 0; s < segments.length; s++) {
    const rows = pages.get(`${s}:0`)!.page.rows.length;
    out.push(at);
    at += rows;
    if (rows >= QUEUE_PAGE) return { out, total: at + 1, known: false };
  }
  return { out, total: at, known: true };
}

/**
 * The queue rows of renewals on `today`, one object per renewal read: asked again for the same
 * renewal (the same page read), it answers the same row, which memoised table rows rely on.
 */
export function rowsOfDay(today: string): (renewal: Renewal) => QueueRow {
  const rows = new WeakMap<Renewal, QueueRow>();
  return (renewal) => {
    let row = rows.get(renewal);
    if (!row) rows.set(renewal, (row = toRow(renewal, today)));
    return row;
  };
}

function toRow(renewal: Renewal, today: string): QueueRow {
  return {
    ...renewal,
    daysUntilDue: daysUntilDue(renewal.dueDate, today),
    urgency: urgencyOf(renewal, today),
    customerName: '',
  };
}

/**
 * How many people a search may find and still have their renewals read by customer (one index
 * range each: exact rows and counts at once). Beyond it the queue's own order is scanned for
 * their renewals, and a screen of ~100 rows reads about 100 × people / found renewals. Measured
 * at 100k, a customer's range costs what a scan of ~8 renewals does, so the two meet near
 * sqrt(100 × people / 8): about 500 of 20,400 people.
 */
export function personReadsFor(people: number): number {
  return Math.max(50, Math.round(Math.sqrt(12 * people)));
}

/** With many people found, the exact total and counts are read once the search rests this long. */
const COUNT_AFTER_MS = 250;
/** Rows a scan reads beyond the last one on screen. */
const SCAN_AHEAD = 40;

/** The people a search found (renderer/src/db/name-index.ts), for the search typed. */
type Searched = Awaited<ReturnType<QueueReader['names']['find']>> & { search: string };
type Scan = { of: unknown; rows: QueueRow[]; at: MatchScan; busy: boolean };

/** The queue's order of segments (queueSegments): status by status, then due date, then id. */
function inSegmentOrder(segments: readonly QueueSegment[]) {
  const order = segments.map((s) => s.selector.status as string);
  return (a: QueueRow, b: QueueRow) =>
    order.indexOf(a.status) - order.indexOf(b.status) ||
    (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The queue with a search: the search finds customers and workers by the words of their names
 * in the search's own index (renderer/src/db/name-index.ts), never by reading every customer.
 * When it finds few people, their renewals are read by the customerId index and filtered and
 * counted like buildQueue. When it finds many, the rows on screen are read in the queue's own
 * order (keyset pages of its segments, keeping their renewals), so a screen costs what it
 * shows; the exact total and counts follow by customer once the search rests.
 */
export function useSearchQueue(
  reader: QueueReader,
  filters: QueueFilters,
  today: string | undefined,
  enabled: boolean,
): QueueModel {
  const { window: win, serviceType, status, assigneeId, search } = filters;
  useEffect(() => {
    // Brings the search's index up to date while the queue opens, before anyone searches.
    const timer = setTimeout(() => reader.names.follow(), 1000);
    return () => clearTimeout(timer);
  }, [reader]);
  const people = useObservable(
    () =>
      enabled
        ? reader.names.watch(search).pipe(map((r): Searched => ({ search, ...r })))
        : of(undefined),
    [reader, enabled, search],
  );
  const matches = enabled && people?.search === search ? people : undefined;

  const gen = useChangeGeneration(reader, enabled, 100);

  const segments = useQueueSegments(filters, today, matches !== undefined);
  const asked = useMemo(() => ({ segments, gen }), [segments, gen]);
  const few = matches !== undefined && matches.ids.size <= personReadsFor(matches.of);

  // With many people found, the exact read waits for the first screen of the scan (and then
  // for the search to rest), so the rows on screen never queue behind it.
  const [scanned, setScanned] = useState<unknown>();
  const [exact, setExact] = useState<{ of: unknown; view: QueueView }>();
  useEffect(() => {
    if (!matches || !today || !segments || (!few && scanned !== asked)) return;
    let live = true;
    const read = () =>
      void Promise.all([
        reader.ofCustomers([...matches.ids], () => !live),
        matches.names(matches.ids),
      ]).then(([renewals, names]) => {
        if (!live || !renewals) return;
        const view = buildQueue(
          renewals,
          { window: win, serviceType, status, assigneeId, search: '' },
          today,
          (id) => names.get(id) ?? 'Unknown customer',
        );
        view.rows.sort(inSegmentOrder(segments));
        setExact({ of: asked, view });
      });
    const timer = few ? (read(), undefined) : setTimeout(read, COUNT_AFTER_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [asked, few, scanned, matches, reader, today, segments, win, serviceType, status, assigneeId]);

  const scan = useRef<Scan | null>(null);
  const [, repaint] = useReducer((n: number) => n + 1, 0);
  const exactNow = exact?.of === asked ? exact.view : undefined;
  const scanNow = !few && scan.current?.of === asked ? scan.current : undefined;
  // The previous result stays on screen while the next one is read; it is not `ready`.
  const shown = useRef<{ total: number; rowAt(index: number): QueueRow | undefined }>(undefined);
  if (exactNow) shown.current = { total: exactNow.total, rowAt: (i) => exactNow.rows[i] };
  else if (scanNow?.rows.length || scanNow?.at.done)
    shown.current = {
      total: scanNow.rows.length + (scanNow.at.done ? 0 : 1),
      rowAt: (i) => scanNow.rows[i],
    };

  const request = useCallback(
    (start: number, end: number) => {
      if (exactNow || few || !matches || !segments || !today) return;
      let mine = scan.current;
      if (!mine || mine.of !== asked)
        mine = scan.current = { of: asked, rows: [], at: SCAN_START, busy: false };
      const wanted = Math.max(end, start, 0) + 1;
      if (mine.busy || mine.at.done || mine.rows.length >= wanted) return;
      mine.busy = true;
      void reader
        .scanMatches(
          segments,
          (r) => matches.ids.has(r.customerId),
          mine.at,
          wanted - mine.rows.length + SCAN_AHEAD,
        )
        .then(async ({ rows, at }) => {
          const names = await matches.names(rows.map((r) => r.customerId));
          if (scan.current !== mine) return;
          mine.rows.push(
            ...rows.map((r) => ({
              ...toRow(r, today),
              customerName: names.get(r.customerId) ?? 'Unknown customer',
            })),
          );
          mine.at = at;
          repaint();
          setScanned(asked);
        })
        .finally(() => (mine.busy = false));
    },
    [asked, exactNow, few, matches, reader, segments, today],
  );

  return {
    total: shown.current?.total ?? (matches && !few ? 1 : undefined),
    totalKnown: exactNow !== undefined || scanNow?.at.done === true,
    counts: exactNow?.counts,
    rowAt: (index) => shown.current?.rowAt(index),
    request,
    ready: (_start, end) =>
      exactNow !== undefined ||
      (scanNow !== undefined && (end < scanNow.rows.length || scanNow.at.done)),
  };
}
