import type { RxConflictHandler } from 'rxdb';
import type { CollectionName } from '../../../shared/jobs/store';
import { sameRecord } from '../../../shared/jobs/store';
import { CONFLICT_RESOLVERS, type Overwritten } from '../../../shared/sync/conflicts/index';
import { SYNCED_COLLECTIONS, type SyncedCollection } from '../../../shared/sync/protocol';

/** Called when settling a conflict overwrote someone's edit, so it can go on the timeline. */
export type OverwrittenListener = (
  collection: SyncedCollection,
  record: Record<string, unknown>,
  overwritten: readonly Overwritten[],
) => void;

type Synced = Record<string, unknown> & { _deleted?: boolean };

function withoutDeleted(document: Synced): Record<string, unknown> {
  const { _deleted: _d, _attachments: _a, _meta: _m, _rev: _r, ...record } = document;
  return record;
}

/**
 * RxDB's conflict handler for each synced collection, around the rules in
 * shared/sync/conflicts: two versions are equal when their records are, and a conflict is
 * settled by the collection's rule. A record deleted on the server stays deleted.
 */
export function conflictHandlers(
  onOverwritten: OverwrittenListener,
): Partial<Record<CollectionName, RxConflictHandler<Synced>>> {
  return Object.fromEntries(
    SYNCED_COLLECTIONS.map((collection) => [
      collection,
      {
        isEqual: (a, b) =>
          Boolean(a._deleted) === Boolean(b._deleted) &&
          sameRecord(withoutDeleted(a), withoutDeleted(b)),
        async resolve(input) {
          const master = input.realMasterState;
          if (master._deleted) return master;
          const resolve = CONFLICT_RESOLVERS[collection] as unknown as (i: {
            local: Record<string, unknown>;
            base: Record<string, unknown> | null;
            master: Record<string, unknown>;
          }) => { document: Record<string, unknown>; overwritten: Overwritten[] };
          const { document, overwritten } = resolve({
            local: withoutDeleted(input.newDocumentState),
            base: input.assumedMasterState ? withoutDeleted(input.assumedMasterState) : null,
            master: withoutDeleted(master),
          });
          if (overwritten.length > 0) onOverwritten(collection, document, overwritten);
          return { ...document, _deleted: false };
        },
      } satisfies RxConflictHandler<Synced>,
    ]),
  );
}
