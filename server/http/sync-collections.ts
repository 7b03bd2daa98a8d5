import { SYNCED_COLLECTIONS } from '../../shared/sync/protocol.js';
import { HttpError } from './errors.js';

/**
 * The collections the sync routes replicate, each with the field that is its primary key: the
 * value `docs.id` holds for its records. The office server replicates SYNCED_COLLECTIONS, keyed
 * by `id`; RxDB's own replication test suite adds its `humans` (keyed by `passportId`), which is
 * why the protocol knows nothing of NoLapse's records beyond this table.
 */
export type SyncCollections = ReadonlyMap<string, { primaryKey: string }>;

export function syncCollections(
  entries: Readonly<Record<string, { primaryKey: string }>>,
): SyncCollections {
  return new Map(Object.entries(entries));
}

/** What an office server replicates: everything but the device-local notification ledger. */
export const OFFICE_SYNC_COLLECTIONS: SyncCollections = syncCollections(
  Object.fromEntries(SYNCED_COLLECTIONS.map((name) => [name, { primaryKey: 'id' }])),
);

/** The collection a route names, or 404 when it does not replicate. */
export function collectionOr404(
  collections: SyncCollections,
  name: string,
): { name: string; primaryKey: string } {
  const found = collections.get(name);
  if (!found)
    throw new HttpError(
      404,
      'not_found',
      `The collection "${name}" does not sync. Collections that sync: ${[...collections.keys()].join(', ')}.`,
    );
  return { name, primaryKey: found.primaryKey };
}
