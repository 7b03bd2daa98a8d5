import type { MangoQuery, RxCollection } from 'rxdb';
import {
  combineLatest,
  defer,
  distinctUntilChanged,
  from,
  map,
  of,
  switchMap,
  tap,
  type Observable,
} from 'rxjs';
import type { Selector } from '../../../shared/jobs/store';
import {
  QUEUE_PAGE,
  type PageAnchor,
  type QueuePage,
  type QueueSegment,
  type Urgency,
} from '../../../shared/renewals/queue';
import type { Renewal } from '../../../shared/schema/renewal';
import type { MatchScan } from '../../../shared/renewals/queue-search';
import { addDays } from '../../../shared/time';
import { createCountIndex } from './count-index';
import { createNameIndex } from './name-index';

/** Renewals a scan for a search's matches reads per query (use-queue.ts: many people found). */
export const SCAN_PAGE = 400;

/** Due dates lie in 1900-2199 (shared/schema): the range a jump's search for its page spans. */
const FIRST_DAY = '1900-01-01';
const DAYS = 300 * 366;

type DueRange = Exclude<Selector<Renewal>['dueDate'], string | null | undefined>;

function sortOf(segment: QueueSegment) {
  return segment.index.map((field) => ({ [field]: 'asc' as const }));
}

function mango(segment: QueueSegment, extra: Partial<MangoQuery<Renewal>> = {}) {
  return {
    selector: segment.selector,
    sort: sortOf(segment),
    index: [...segment.index],
    ...extra,
  } as MangoQuery<Renewal>;
}

/** The anchor after `rows`, given the anchor the page started from. */
export function anchorAfter(rows: readonly Renewal[], from: PageAnchor | null): PageAnchor | null {
  const last = rows.at(-1);
  if (!last) return null;
  let ties = 0;
  for (let i = rows.length - 1; i >= 0 && rows[i]!.dueDate === last.dueDate; i--) ties++;
  // A page made only of one due date continues the ties of the pages before it.
  if (ties === rows.length && from && from.dueDate === last.dueDate) ties += from.ties;
  return { dueDate: last.dueDate, ties };
}

function before(segment: QueueSegment, day: string): QueueSegment {
  const due = (segment.selector.dueDate ?? {}) as DueRange;
  const $lt = due.$lt !== undefined && due.$lt < day ? due.$lt : day;
  return { ...segment, selector: { ...segment.selector, dueDate: { ...due, $lt } } };
}

function fromAnchor(segment: QueueSegment, anchor: PageAnchor): QueueSegment {
  const due = (segment.selector.dueDate ?? {}) as DueRange;
  // The anchor's day is at or after the segment's lower bound: it replaces it.
  const rest = { ...due };
  delete rest.$gt;
  delete rest.$gte;
  return {
    ...segment,
    selector: { ...segment.selector, dueDate: { ...rest, $gte: anchor.dueDate } },
  };
}

/**
 * The queue read by index (issue #12): segment counts and bucket counts are count queries on
 * index ranges (IDBIndex.count when the selector is satisfied by the index; RxDB keeps a count
 * up to date from change events), rows are keyset pages of one segment. Nothing here reads
 * every open renewal.
 */
export function createQueueReader(collection: RxCollection<Renewal>) {
  const names = createNameIndex(collection.database);
  const counter = createCountIndex(collection);
  /**
   * A segment's count now: from the count index once it was built on this device (a sum over
   * the days of its range), until then by an index count.
   */
  const countNow = async (segment: QueueSegment): Promise<number> =>
    (await counter.counts([segment]))
      ? (await counter.count([segment]))[0]!
      : collection.count({ selector: segment.selector, index: [...segment.index] } as never).exec();
  /**
   * The anchor of the page starting at row `offset` of `segment`, by counts alone: the last
   * day with fewer than `offset` renewals due before it (a binary search over the days, about
   * 17 index counts), and how many of that day's renewals come before the page.
   */
  async function locate(segment: QueueSegment, offset: number): Promise<PageAnchor> {
    let lo = 0;
    let hi = DAYS;
    let below = 0;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      const n = await countNow(before(segment, addDays(FIRST_DAY, mid)));
      if (n <= offset) {
        lo = mid;
        below = n;
      } else hi = mid - 1;
    }
    if (lo === 0) below = await countNow(before(segment, FIRST_DAY));
    return { dueDate: addDays(FIRST_DAY, lo), ties: offset - below };
  }
  /** `limit` renewals of `segment` from `start` (its first row when null), and the next anchor. */
  async function readFrom(
    segment: QueueSegment,
    start: PageAnchor | null,
    limit: number,
  ): Promise<QueuePage> {
    const query = start
      ? mango(fromAnchor(segment, start), { skip: start.ties, limit })
      : mango(segment, { limit });
    const docs = await collection.find(query).exec();
    const rows = docs.map((d) => d.toJSON() as Renewal);
    return { rows, next: anchorAfter(rows, start) };
  }
  const count$ = (segment: QueueSegment): Observable<number> =>
    collection.count({ selector: segment.selector, index: [...segment.index] } as never).$;
  /**
   * Each segment's count, live: from the count index once it was built on this device
   * (count-index.ts), until then and for what it does not keep (service type and assignee both
   * filtered) by index counts, after the first of which its build starts. At 100k the index count of
   * the "later" range alone reads 70,000 index entries, over a second.
   */
  const counts$ = (segments: readonly QueueSegment[], build = true): Observable<number[]> =>
    segments.length === 0
      ? of([])
      : defer(() => from(counter.counts(segments))).pipe(
          switchMap((built) => {
            if (built) return counter.watch(segments);
            // The build starts once these counts are in, not before the first screen's reads.
            const counts = combineLatest(segments.map(count$));
            return build ? counts.pipe(tap(() => counter.follow())) : counts;
          }),
        );

  return {
    /**
     * How many renewals each of `selectors` matches, live, in one read per change: each one
     * status, a due-date range, and an assignee or not (the sidebar's overdue count, the tray
     * badge). From the count index once it was built on this device: at start-up an index count
     * of the overdue range (20,000 at 100k) holds every IndexedDB read behind it, the queue's
     * first rows and counts too, for 150 ms. Never what starts the build: the shell counts from
     * every page (the kiosk's, a second tab's), and the build is the queue's to start once its
     * first screen is read.
     */
    watchCounts(selectors: readonly Selector<Renewal>[]): Observable<number[]> {
      const segments = selectors.map((selector): QueueSegment => ({
        selector,
        index:
          'assigneeId' in selector
            ? ['status', 'assigneeId', 'dueDate', 'id']
            : ['status', 'dueDate', 'id'],
        exact: true,
      }));
      return counts$(segments, false).pipe(
        distinctUntilChanged((a, b) => a.every((n, i) => n === b[i])),
      );
    },
    /** The number of renewals in each segment, live (counts$). */
    watchSegmentCounts(segments: readonly QueueSegment[]): Observable<number[]> {
      return counts$(segments);
    },
    /** Each bucket's count, live: the sums of the bucket's segments' counts (counts$). */
    watchBucketCounts(
      buckets: Record<Urgency, readonly QueueSegment[]>,
    ): Observable<Record<Urgency, number>> {
      const names = Object.keys(buckets) as Urgency[];
      return counts$(names.flatMap((name) => buckets[name])).pipe(
        map((n) => {
          let at = 0;
          const out = {} as Record<Urgency, number>;
          for (const name of names) {
            const of = buckets[name].length;
            out[name] = n.slice(at, at + of).reduce((a, b) => a + b, 0);
            at += of;
          }
          return out;
        }),
        distinctUntilChanged((a, b) => names.every((n) => a[n] === b[n])),
      );
    },
    /**
     * Page `page` of `segment`: from the anchor the previous page left (a key range), or, when
     * the pages before it were never read (a jump down the scrollbar), from an anchor found by
     * counts. Either way it reads the page and the ties on its first day, nothing before.
     */
    async page(segment: QueueSegment, page: number, from: PageAnchor | null): Promise<QueuePage> {
      const start = page === 0 ? null : (from ?? (await locate(segment, page * QUEUE_PAGE)));
      return readFrom(segment, start, QUEUE_PAGE);
    },
    /**
     * The renewals `isMatch` keeps, read in the queue's order from where `at` stands until
     * `enough` are found or every segment is read (a search that finds many people: the rows
     * on screen cost about `enough` times the share of renewals that are theirs, not a read of
     * every one of their renewals). Returns them and where the next scan starts.
     */
    async scanMatches(
      segments: readonly QueueSegment[],
      isMatch: (renewal: Renewal) => boolean,
      at: MatchScan,
      enough: number,
    ): Promise<{ rows: Renewal[]; at: MatchScan }> {
      const rows: Renewal[] = [];
      let { segment, page, from } = at;
      while (segment < segments.length && rows.length < enough) {
        const read = await readFrom(segments[segment]!, page === 0 ? null : from, SCAN_PAGE);
        for (const renewal of read.rows) if (isMatch(renewal)) rows.push(renewal);
        if (read.rows.length < SCAN_PAGE) {
          segment++;
          page = 0;
          from = null;
        } else {
          page++;
          from = read.next;
        }
      }
      return { rows, at: { segment, page, from, done: segment >= segments.length } };
    },
    /**
     * The service types that renewals of `statuses` have, one index seek per type and status
     * (the first renewal after the last type found), never a scan.
     */
    async serviceTypes(statuses: readonly string[]): Promise<string[]> {
      const types = new Set<string>();
      for (const status of statuses) {
        let after = '';
        for (;;) {
          const next = await collection
            .findOne({
              selector: { status, serviceType: { $gt: after } },
              sort: [{ status: 'asc' }, { serviceType: 'asc' }, { dueDate: 'asc' }, { id: 'asc' }],
              index: ['status', 'serviceType', 'dueDate', 'id'],
            } as never)
            .exec();
          if (!next) break;
          after = (next.toJSON() as Renewal).serviceType;
          types.add(after);
        }
      }
      return [...types].sort();
    },
    /**
     * The renewals of the given customers (the search's matches), by the customerId index, 20
     * customers a step; `stopped()` is asked between steps, and a stopped read returns null.
     */
    async ofCustomers(
      customerIds: readonly string[],
      stopped: () => boolean = () => false,
    ): Promise<Renewal[] | null> {
      const found: Renewal[] = [];
      for (let i = 0; i < customerIds.length; i += 20) {
        if (stopped()) return null;
        const batch = await Promise.all(
          customerIds.slice(i, i + 20).map((customerId) =>
            collection
              .find({
                selector: { customerId },
                sort: [{ customerId: 'asc' }, { dueDate: 'asc' }],
              } as MangoQuery<Renewal>)
              .exec(),
          ),
        );
        for (const docs of batch) for (const d of docs) found.push(d.toJSON() as Renewal);
      }
      return found;
    },
    /** The customers and workers a search finds, by the search's own index (name-index.ts). */
    names,
    /** The bucket counts' own index (count-index.ts). */
    counter,
    /** Fires on every renewal change (this device, another tab, the sync). */
    changes(): Observable<unknown> {
      return collection.$;
    },
  };
}

export type QueueReader = ReturnType<typeof createQueueReader>;
