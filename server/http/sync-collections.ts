import { schemaVersionOf } from '../../shared/schema/collections.js';
import { SCHEMA_HEADER, SYNCED_COLLECTIONS } from '../../shared/sync/protocol.js';
import { HttpError } from './errors.js';

/**
 * The collections the sync routes replicate, each with the field that is its primary key: the
 * value `docs.id` holds for its records. The office server replicates SYNCED_COLLECTIONS, keyed
 * by `id`; RxDB's own replication test suite adds its `humans` (keyed by `passportId`), which is
 * why the protocol knows nothing of NoLapse's records beyond this table.
 */
export type SyncCollections = ReadonlyMap<string, SyncCollection>;

/** A collection's key and, for NoLapse's own, the schema version its records are stored in. */
export type SyncCollection = { primaryKey: string; schemaVersion?: number };

export function syncCollections(
  entries: Readonly<Record<string, SyncCollection>>,
): SyncCollections {
  return new Map(Object.entries(entries));
}

/** What an office server replicates: everything but the device-local notification ledger. */
export const OFFICE_SYNC_COLLECTIONS: SyncCollections = syncCollections(
  Object.fromEntries(
    SYNCED_COLLECTIONS.map((name) => [
      name,
      { primaryKey: 'id', schemaVersion: schemaVersionOf(name) },
    ]),
  ),
);

/** The collection a route names, or 404 when it does not replicate. */
export function collectionOr404(
  collections: SyncCollections,
  name: string,
  headers: Readonly<Record<string, string | string[] | undefined>> = {},
): { name: string; primaryKey: string } {
  const found = collections.get(name);
  if (!found)
    throw new HttpError(
      404,
      'not_found',
      `The collection "${name}" does not sync. Collections that sync: ${[...collections.keys()].join(', ')}.`,
    );
  schemaOr409(name, found, headers[SCHEMA_HEADER]);
  return { name, primaryKey: found.primaryKey };
}

/**
 * A device that stores a collection in another schema version than the server must not mix
 * its records in: the one that is behind has to be updated first. Tools that send no version
 * (curl, scripts) are trusted to send current records.
 */
function schemaOr409(name: string, found: SyncCollection, sent: string | string[] | undefined) {
  if (sent === undefined || found.schemaVersion === undefined) return;
  const device = Number(Array.isArray(sent) ? sent[0] : sent);
  if (device === found.schemaVersion) return;
  const behind =
    Number.isInteger(device) && device > found.schemaVersion
      ? 'Update the office server to the version of NoLapse this device runs.'
      : 'Update NoLapse on this device to the version the office server runs.';
  throw new HttpError(
    409,
    'schema_mismatch',
    `This device stores ${name} in schema version ${String(sent)} and the server in version ${found.schemaVersion}. ${behind}`,
  );
}
