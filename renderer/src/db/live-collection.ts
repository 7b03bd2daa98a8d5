import type { MangoQuery, RxCollection } from 'rxdb';
import { map, type Observable } from 'rxjs';
import type { Query, Selector } from '../../../shared/jobs/store';

/** Plain records out of RxDB documents. */
function json<T>(docs: readonly { toJSON(): unknown }[]): T[] {
  return docs.map((d) => d.toJSON() as T);
}

/**
 * What the screens read from one collection, as plain records and live observables: the one
 * generic module every collection's reads go through. Writes go through the jobs, never here.
 */
export function liveCollection<T extends { id: string }>(collection: RxCollection<T>) {
  const mango = (query: Query<T>) =>
    ({
      ...(query.selector ? { selector: query.selector } : {}),
      ...(query.sort ? { sort: query.sort } : {}),
      ...(query.limit !== undefined ? { limit: query.limit } : {}),
    }) as MangoQuery<T>;
  return {
    async get(id: string): Promise<T | null> {
      return ((await collection.findOne(id).exec())?.toJSON() as T | undefined) ?? null;
    },
    async find(query: Query<T> = {}): Promise<T[]> {
      return json<T>(await collection.find(mango(query)).exec());
    },
    watch(id: string): Observable<T | null> {
      return collection.findOne(id).$.pipe(map((doc) => (doc?.toJSON() as T | undefined) ?? null));
    },
    watchQuery(query: Query<T> = {}): Observable<T[]> {
      return collection.find(mango(query)).$.pipe(map((docs) => json<T>(docs)));
    },
    watchIds(ids: readonly string[]): Observable<Map<string, T>> {
      return collection
        .findByIds([...ids])
        .$.pipe(map((found) => new Map([...found].map(([id, doc]) => [id, doc.toJSON() as T]))));
    },
    watchCount(selector: Selector<T>): Observable<number> {
      return collection.count({ selector } as MangoQuery<T>).$;
    },
  };
}

export type LiveCollection<T extends { id: string }> = ReturnType<typeof liveCollection<T>>;
