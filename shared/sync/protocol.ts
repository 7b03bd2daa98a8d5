import type { CollectionName } from '../jobs/store.js';

/**
 * The sync protocol between a device's RxDB collections and the office server, one
 * collection at a time, as RxDB's replication plugin speaks it (pull by checkpoint, push with
 * the assumed master state, a live stream). The server assigns the checkpoint: a sequence
 * number per write, never a client clock, so equal timestamps page correctly.
 */

/** What replicates: everything but the device-local notification ledger. */
export const SYNCED_COLLECTIONS = [
  'customers',
  'renewals',
  'events',
  'tasks',
  'config',
  'workers',
  'templates',
  'instances',
  'policies',
  'transactions',
  'autorenewals',
] as const satisfies readonly CollectionName[];

export type SyncedCollection = (typeof SYNCED_COLLECTIONS)[number];

/** A record as it travels: the record itself, and whether it was deleted (soft deletes only). */
export type SyncDocument<T = Record<string, unknown>> = T & { _deleted: boolean };

/** Where a pull resumes: after the write with this sequence number. */
export type Checkpoint = { seq: number };

/**
 * GET /sync/:collection/pull?seq=<n>&limit=<n> → the next writes after `seq`, oldest first,
 * and the checkpoint to resume from (the same one when nothing is newer).
 */
export type PullResponse<T = Record<string, unknown>> = {
  documents: SyncDocument<T>[];
  checkpoint: Checkpoint;
};

/** One change a device pushes: what it believes the server holds, and what it wants there. */
export type PushRow<T = Record<string, unknown>> = {
  assumedMasterState: SyncDocument<T> | null;
  newDocumentState: SyncDocument<T>;
};

/**
 * POST /sync/:collection/push with PushRow[] → the conflicts: for every row whose assumed state
 * differs from what the server holds, the server's current state (nothing is written for it).
 */
export type PushResponse<T = Record<string, unknown>> = SyncDocument<T>[];

/**
 * GET /sync/:collection/stream: Server-Sent Events. Each `event: change` carries
 * `data: {"seq": <latest sequence>}` when a write to the collection committed on any server
 * instance; the device then pulls. A comment line every 25 seconds keeps proxies from closing
 * the connection.
 */
export type StreamChange = { seq: number };

/**
 * GET /sync/stream: the same, for every synced collection of the office on one connection
 * (a browser holds at most six per server); each `event: change` names its collection.
 */
export type OfficeStreamChange = { collection: string; seq: number };

/** GET /sync/info → the office the token belongs to, and whether it holds any records yet. */
export type SyncInfo = {
  officeId: string;
  officeName: string;
  /** Whether any synced collection holds records (joining such an office asks before merging). */
  hasData: boolean;
  /** The staff member the token was made for, when an admin named one. */
  staffId: string | null;
  role: 'admin' | 'staff';
  /** The token's own id, so an admin's device can tell its token in the list. */
  tokenId: string;
};

/** A device token as an office admin sees it (GET /admin/tokens); the secret is shown once. */
export type DeviceToken = {
  id: string;
  role: 'admin' | 'staff';
  /** The staff member who uses the device, when the admin named one. */
  staffId: string | null;
  label: string;
  createdAt: string;
  revokedAt: string | null;
};

/** POST /admin/tokens → 201: the new token, shown this once. */
export type NewDeviceToken = {
  id: string;
  token: string;
  role: DeviceToken['role'];
  staffId: string | null;
  label: string;
};

/**
 * The request header in which a device names the schema version it stores a collection in;
 * the server answers 409 `schema_mismatch` when it stores another.
 */
export const SCHEMA_HEADER = 'x-nolapse-schema';

/** Largest batch a pull returns and a push accepts. */
export const MAX_BATCH = 500;

/**
 * Largest record a push accepts: its JSON, in UTF-8 bytes. Office records are a few KiB; a
 * signed document's content stays well below this.
 */
export const MAX_RECORD_BYTES = 256 * 1024;

/**
 * Largest push body the server reads, in bytes. A row carries at most two records (the assumed
 * state and the new one), so one row of the largest records always fits; a client splits a
 * batch whose JSON is larger into several pushes.
 */
export const MAX_PUSH_BYTES = 8 * 1024 * 1024;

/** How often the stream sends a comment line, so proxies keep an idle connection open. */
export const STREAM_HEARTBEAT_MS = 25_000;

/** The longest primary key a record may have. */
export const MAX_ID_LENGTH = 200;

/**
 * `POST /sync/deliveries`: a device asks which of these notices nobody's other device showed to
 * `staffId` yet on `channel`; the server records them as shown and answers with those ids.
 * A token that belongs to a staff member may claim only for that person.
 */
export type DeliveryClaim = { channel: 'desktop'; staffId: string; ids: string[] };
export type DeliveryClaimed = { claimed: string[] };

/** The most notice ids one claim may carry. */
export const MAX_CLAIM_IDS = 500;
