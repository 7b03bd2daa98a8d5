import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { combineLatest, debounceTime, map, of } from 'rxjs';
import {
  bucketSegments,
  buildQueue,
  QUEUE_PAGE,
  queueSegments,
  type QueuePage,
  urgencyOf,
  type QueueFilters,
  type QueueRow,
  type QueueSegment,
  type Urgency,
} from '../../../../shared/renewals/queue';
import type { Renewal } from '../../../../shared/schema/renewal';
import { daysUntilDue } from '../../../../shared/time';
import { useObservable, useServices } from '../shared/services';

type QueueReader = ReturnType<typeof useServices>['data']['renewals']['queue'];

/** What the queue shows: `total` rows, read by index (`rowAt`) or from a search's matches. */
export type QueueModel = {
  total: number | undefined;
  counts: Record<Urgency, number> | undefined;
  rowAt(index: number): QueueRow | undefined;
  /** Read the pages that rows `start`..`end` (inclusive) lie in, when not read yet. */
  request(start: number, end: number): void;
  /** Whether rows `start`..`end` are the current ones (read since the last change, names known). */
  ready(start: number, end: number): boolean;
};

type Cached = { gen: number; page: QueuePage };

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
  const segments = useMemo(
    () =>
      today && enabled
        ? queueSegments({ window: win, serviceType, status, assigneeId, search: '' }, today)
        : null,
    [today, enabled, win, serviceType, status, assigneeId],
  );
  const buckets = useMemo(
    () =>
      today && enabled
        ? bucketSegments({ window: win, serviceType, status, assigneeId, search: '' }, today)
        : null,
    // The window does not change the counts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [today, enabled, serviceType, status, assigneeId],
  );
  const segmentCounts = useObservable(
    () => (segments ? reader.watchSegmentCounts(segments) : of(undefined)),
    [reader, segments],
  );
  const counts = useObservable(
    () => (buckets ? reader.watchBucketCounts(buckets) : of(undefined)),
    [reader, buckets],
  );
  const [gen, setGen] = useState(0);
  useEffect(() => {
    const subscription = reader
      .changes()
      .pipe(debounceTime(30))
      .subscribe(() => setGen((g) => g + 1));
    return () => subscription.unsubscribe();
  }, [reader]);

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

  const starts = useMemo(() => {
    if (!segmentCounts) return null;
    const out: number[] = [];
    let at = 0;
    for (const n of segmentCounts) {
      out.push(at);
      at += n;
    }
    return { out, total: at };
  }, [segmentCounts]);

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
      const mine = cache.current;
      if (!mine.segments) return;
      for (const [key, { segment, page }] of pagesOf(start, end)) {
        const held = mine.pages.get(key);
        const flight = `${gen}:${key}`;
        if ((held && held.gen === gen) || mine.inflight.has(flight)) continue;
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
      }
    },
    [gen, pagesOf, reader],
  );

  const rowAt = useCallback(
    (index: number) => {
      const w = where(index);
      if (!w || !today) return undefined;
      const renewal = cache.current.pages.get(`${w.segment}:${w.page}`)?.page.rows[w.at];
      return renewal && toRow(renewal, today);
    },
    [where, today],
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

  return { total: starts?.total, counts, rowAt, request, ready };
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
 * The queue with a search: the search matches customer and worker names (read when a search
 * starts, never before), then the renewals of the matching customers by the customerId index,
 * filtered and counted like buildQueue. It costs what matches, not the office's size.
 */
export function useSearchQueue(
  reader: QueueReader,
  filters: QueueFilters,
  today: string | undefined,
  enabled: boolean,
): QueueModel {
  const { data } = useServices();
  const people = useObservable(
    () =>
      enabled
        ? combineLatest([data.customers.watchAll(), data.workers.watchAll()]).pipe(
            map(([customers, workers]) => [
              ...workers.map((w) => [w.id, w.fullName] as const),
              ...customers.map((c) => [c.id, c.name] as const),
            ]),
          )
        : of(undefined),
    [data, enabled],
  );
  const needle = filters.search.trim().toLowerCase();
  const matches = useMemo(() => {
    if (!people || !needle) return null;
    const names = new Map(people);
    return {
      ids: [...names].filter(([, name]) => name.toLowerCase().includes(needle)).map(([id]) => id),
      names,
    };
  }, [people, needle]);
  const [gen, setGen] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const subscription = reader
      .changes()
      .pipe(debounceTime(100))
      .subscribe(() => setGen((g) => g + 1));
    return () => subscription.unsubscribe();
  }, [reader, enabled]);
  const [found, setFound] = useState<{ of: unknown; view: ReturnType<typeof buildQueue> }>();
  const { window: win, serviceType, status, assigneeId, search } = filters;
  const asked = useMemo(
    () => ({ matches, gen, today, win, serviceType, status, assigneeId, search }),
    [matches, gen, today, win, serviceType, status, assigneeId, search],
  );
  useEffect(() => {
    if (!matches || !today) return;
    let live = true;
    void reader.ofCustomers(matches.ids).then((renewals) => {
      if (!live) return;
      const view = buildQueue(
        renewals,
        { window: win, serviceType, status, assigneeId, search: '' },
        today,
        (id) => matches.names.get(id) ?? 'Unknown customer',
      );
      setFound({ of: asked, view });
    });
    return () => {
      live = false;
    };
  }, [asked, matches, reader, today, win, serviceType, status, assigneeId]);
  // The previous result stays on screen while the next one is read; it is not `ready`.
  const view = found?.view;
  const fresh = found !== undefined && found.of === asked;
  return {
    total: view?.total,
    counts: fresh ? view?.counts : undefined,
    rowAt: (index) => view?.rows[index],
    request: () => {},
    ready: () => fresh,
  };
}
