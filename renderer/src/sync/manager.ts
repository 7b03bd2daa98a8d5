import type { RxReplicationState } from 'rxdb/plugins/replication';
import { BehaviorSubject, combineLatest, distinctUntilChanged, map, type Observable } from 'rxjs';
import { OFFICE_CONFIG_ID } from '../../../shared/office';
import { ok, type Result } from '../../../shared/result';
import {
  SCHEMA_HEADER,
  SYNCED_COLLECTIONS,
  type Checkpoint,
  type PullResponse,
  type SyncInfo,
} from '../../../shared/sync/protocol';
import type { NoLapseDatabase } from '../db/database';
import {
  clearConnection,
  loadConnection,
  saveConnection,
  type ConnectionStorage,
  type SyncConnection,
} from './connection';
import { officeChangeStream, replicateCollection } from './replication';
import { claimDeliveries, fetchSyncInfo, normalizeServerUrl } from './server-api';

/** What the device's sync is doing, as Settings and the sidebar show it. */
export type SyncStatus =
  | { state: 'off' }
  | { state: 'syncing'; office: string; lastSyncedAt: string | null }
  | { state: 'synced'; office: string; lastSyncedAt: string }
  | { state: 'standby'; office: string }
  | { state: 'offline'; office: string; since: string; lastSyncedAt: string | null }
  | {
      state: 'error';
      office: string;
      reason: string;
      action: string;
      /** Whether syncing stopped until someone acts (a refused token), or keeps retrying. */
      stopped: boolean;
      lastSyncedAt: string | null;
    };

/**
 * What joining an office will do, decided before anything is sent: `upload` (the office is
 * empty: this device's records and office settings go up), `download` (this device is empty),
 * `merge` (both hold records: people are asked first) or `rejoin` (the office this device
 * already synced with, e.g. with a new token).
 */
export type JoinPlan = {
  url: string;
  token: string;
  info: SyncInfo;
  localRecords: number;
  kind: 'upload' | 'download' | 'merge' | 'rejoin';
};

export type SyncManager = {
  status$: Observable<SyncStatus>;
  connection$: Observable<SyncConnection | null>;
  connection(): SyncConnection | null;
  /** Checks the address and token with the server and says what joining would do. */
  plan(url: string, token: string): Promise<Result<JoinPlan, 'url' | 'token'>>;
  /** Saves the connection and starts syncing (uploading first when the office is empty). */
  join(plan: JoinPlan): Promise<Result<SyncConnection>>;
  /** Starts syncing with the saved connection, if any (at start-up). */
  resume(): void;
  /** Pulls and pushes now instead of at the next change or retry. */
  syncNow(): void;
  /** Resolves true once everything local reached the server, false after `timeoutMs`. */
  awaitInSync(timeoutMs: number): Promise<boolean>;
  /** Stops syncing and forgets the server; this device's records stay. */
  disconnect(): Promise<void>;
  /** Stops the replications (when the app closes); the connection stays saved. */
  stop(): Promise<void>;
  /**
   * Which of these notices this device may show to `staffId`: those none of their other devices
   * showed (the server's delivery ledger). Null when not connected or the server cannot be asked.
   */
  claimDeliveries(
    channel: 'desktop',
    staffId: string,
    ids: readonly string[],
  ): Promise<string[] | null>;
};

export type SyncManagerOptions = {
  db: NoLapseDatabase;
  storage: ConnectionStorage;
  fetch?: typeof fetch;
  now?: () => string;
  /** Wait after a failed request before the next, in ms (5 s in the app). */
  retryTime?: number;
  /** `window`, to hear the browser go online and offline; absent in Node tests. */
  events?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
};

type Health = {
  fatal: { reason: string; action: string } | null;
  trouble: { reason: string; action: string } | null;
  offlineSince: string | null;
  lastSyncedAt: string | null;
};

const isAbort = (error: unknown) =>
  error instanceof Error && (error.name === 'AbortError' || /abort/i.test(error.message));

/** The first line of what went wrong, from RxDB's wrapper or the error itself. */
function reasonOf(error: unknown): string {
  const inner = (error as { parameters?: { errors?: unknown[] } }).parameters?.errors?.[0];
  const message = inner instanceof Error ? inner.message : (error as Error).message;
  return String(message ?? error)
    .split('\n')[0]!
    .slice(0, 300);
}

/** Records on this device that joining would share: everything but the office settings. */
async function countLocalRecords(db: NoLapseDatabase): Promise<number> {
  let total = 0;
  for (const name of SYNCED_COLLECTIONS) {
    total += await db[name].count().exec();
  }
  const settings = await db.config.findOne(OFFICE_CONFIG_ID).exec();
  return total - (settings ? 1 : 0);
}

/**
 * The device's sync with its office server: one RxDB replication per synced collection
 * (renderer/src/sync/replication.ts), the connection kept on the device, and one status for
 * the UI. Every request goes through a watching fetch, so the status knows when the server is
 * unreachable (offline: edits stay on the device and go up later), when it refuses the token
 * (stopped until someone connects again) and when it is merely failing (retrying).
 */
export function createSyncManager(options: SyncManagerOptions): SyncManager {
  const { db, storage } = options;
  const baseFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? (() => new Date().toISOString());
  const connection$ = new BehaviorSubject<SyncConnection | null>(loadConnection(storage));
  const health$ = new BehaviorSubject<Health>({
    fatal: null,
    trouble: null,
    offlineSince: null,
    lastSyncedAt: null,
  });
  const running$ = new BehaviorSubject<{
    replications: RxReplicationState<unknown, Checkpoint>[];
    active: boolean;
    initialDone: boolean;
    leader: boolean;
  } | null>(null);
  let generation = 0;
  let stopWatching: (() => void) | null = null;

  const setHealth = (patch: Partial<Health>) => health$.next({ ...health$.value, ...patch });

  /** fetch that reports what each answer says about the connection. */
  const watchingFetch: typeof fetch = async (input, init) => {
    let response: Response;
    try {
      response = await baseFetch(input, init);
    } catch (error) {
      if (!isAbort(error)) setHealth({ offlineSince: health$.value.offlineSince ?? now() });
      throw error;
    }
    if (response.status === 401) {
      void halt({
        reason:
          'The office server no longer accepts this device’s token: it was revoked or replaced.',
        action: 'Ask an office admin for a new token, then connect again in Settings → Sync.',
      });
    } else if (response.status === 409) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { error?: string; message?: string } | null;
      if (body?.error === 'schema_mismatch')
        void halt({
          reason: body.message ?? 'This device and the office server run different versions.',
          action:
            'Update NoLapse (on this device or on the server, as the reason says), then sync again.',
        });
    } else if (response.status >= 500) {
      setHealth({
        offlineSince: null,
        trouble: {
          reason: `The office server answered ${response.status}; it is asked again every few seconds.`,
          action: 'Nothing to do here: your changes are kept and sent once it answers.',
        },
      });
    } else {
      setHealth({ offlineSince: null, trouble: null });
    }
    return response;
  };

  async function cancelAll() {
    generation += 1;
    stopWatching?.();
    stopWatching = null;
    const running = running$.value;
    running$.next(null);
    await Promise.all(running?.replications.map((r) => r.cancel()) ?? []);
  }

  async function halt(fatal: { reason: string; action: string }) {
    if (health$.value.fatal) return;
    setHealth({ fatal });
    await cancelAll();
  }

  function start(connection: SyncConnection) {
    const mine = ++generation;
    setHealth({ fatal: null, trouble: null, offlineSince: null });
    const changes = officeChangeStream(connection.url, connection.token, {
      fetch: watchingFetch,
      retryTime: options.retryTime ?? 5000,
    });
    const replications = SYNCED_COLLECTIONS.map(
      (name) =>
        replicateCollection(db[name] as never, {
          url: connection.url,
          token: connection.token,
          fetch: watchingFetch,
          retryTime: options.retryTime ?? 5000,
          replicationIdentifier: `nolapse-sync:${connection.url}:${connection.officeId}:${name}`,
          stream$: changes.of(name),
        }) as RxReplicationState<unknown, Checkpoint>,
    );
    running$.next({ replications, active: true, initialDone: false, leader: false });
    const update = (patch: Partial<NonNullable<typeof running$.value>>) => {
      if (mine === generation && running$.value) running$.next({ ...running$.value, ...patch });
    };
    void db.waitForLeadership().then(() => update({ leader: true }));
    // What the watching fetch cannot see: a page the device could not store, a handler bug.
    const failures = replications.map((replication, i) =>
      replication.error$.subscribe((error) => {
        const health = health$.value;
        if (mine !== generation || health.fatal || health.offlineSince) return;
        setHealth({
          trouble: {
            reason: `Syncing ${SYNCED_COLLECTIONS[i]} failed: ${reasonOf(error)}`,
            action:
              'It is tried again every few seconds; if this stays, tell your office admin what it says.',
          },
        });
      }),
    );
    const activity = combineLatest(replications.map((r) => r.active$))
      .pipe(
        map((states) => states.some(Boolean)),
        distinctUntilChanged(),
      )
      .subscribe((active) => {
        update({ active });
        const running = running$.value;
        const health = health$.value;
        if (!active && running?.initialDone && !health.offlineSince && !health.trouble)
          setHealth({ lastSyncedAt: now() });
      });
    void Promise.all(replications.map((r) => r.awaitInitialReplication()))
      .then(() => {
        update({ initialDone: true });
        if (!running$.value?.active) setHealth({ lastSyncedAt: now() });
      })
      .catch(() => undefined);
    const online = () => {
      setHealth({ offlineSince: null });
      for (const r of replications) r.reSync();
    };
    const offline = () => setHealth({ offlineSince: health$.value.offlineSince ?? now() });
    options.events?.addEventListener('online', online);
    options.events?.addEventListener('offline', offline);
    stopWatching = () => {
      activity.unsubscribe();
      for (const failure of failures) failure.unsubscribe();
      options.events?.removeEventListener('online', online);
      options.events?.removeEventListener('offline', offline);
    };
  }

  /**
   * The first sync to an empty office makes this device's office settings (name, zone, staff)
   * the office's, replacing the defaults the office was created with.
   */
  async function adoptLocalSettings(plan: JoinPlan) {
    const local = await db.config.findOne(OFFICE_CONFIG_ID).exec();
    if (!local) return;
    const headers = {
      authorization: `Bearer ${plan.token}`,
      [SCHEMA_HEADER]: String(db.config.schema.version),
    };
    const pulled = await baseFetch(`${plan.url}/sync/config/pull?seq=0&limit=500`, { headers });
    if (!pulled.ok) return;
    const page = (await pulled.json()) as PullResponse;
    const current = page.documents.find((d) => d.id === OFFICE_CONFIG_ID) ?? null;
    await baseFetch(`${plan.url}/sync/config/push`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          assumedMasterState: current,
          newDocumentState: { ...local.toJSON(), _deleted: false },
        },
      ]),
    });
  }

  const status$: Observable<SyncStatus> = combineLatest([connection$, health$, running$]).pipe(
    map(([connection, health, running]): SyncStatus => {
      if (!connection) return { state: 'off' };
      const office = connection.officeName;
      const lastSyncedAt = health.lastSyncedAt;
      if (health.fatal)
        return { state: 'error', office, ...health.fatal, stopped: true, lastSyncedAt };
      if (health.offlineSince)
        return { state: 'offline', office, since: health.offlineSince, lastSyncedAt };
      if (health.trouble)
        return { state: 'error', office, ...health.trouble, stopped: false, lastSyncedAt };
      if (running && !running.leader) return { state: 'standby', office };
      if (!running || running.active || !running.initialDone || !lastSyncedAt)
        return { state: 'syncing', office, lastSyncedAt };
      return { state: 'synced', office, lastSyncedAt };
    }),
  );

  return {
    status$,
    connection$: connection$.asObservable(),
    connection: () => connection$.value,

    async plan(urlText, token) {
      const url = normalizeServerUrl(urlText);
      if (!url.ok) return url;
      const info = await fetchSyncInfo(url.value, token, baseFetch);
      if (!info.ok) return info;
      const localRecords = await countLocalRecords(db);
      const previous = connection$.value;
      const kind: JoinPlan['kind'] =
        previous?.officeId === info.value.officeId
          ? 'rejoin'
          : localRecords === 0
            ? 'download'
            : info.value.hasData
              ? 'merge'
              : 'upload';
      return ok({ url: url.value, token: token.trim(), info: info.value, localRecords, kind });
    },

    async join(plan) {
      await cancelAll();
      if (plan.kind === 'upload') await adoptLocalSettings(plan).catch(() => undefined);
      const connection: SyncConnection = {
        url: plan.url,
        token: plan.token,
        officeId: plan.info.officeId,
        officeName: plan.info.officeName,
        staffId: plan.info.staffId,
        role: plan.info.role,
        tokenId: plan.info.tokenId,
        joinedAt: now(),
      };
      saveConnection(storage, connection);
      setHealth({ fatal: null, lastSyncedAt: null });
      connection$.next(connection);
      start(connection);
      return ok(connection);
    },

    resume() {
      const connection = connection$.value;
      if (connection && !running$.value) start(connection);
    },

    syncNow() {
      const running = running$.value;
      if (running) for (const r of running.replications) r.reSync();
      else if (connection$.value && health$.value.fatal === null) start(connection$.value);
    },

    async awaitInSync(timeoutMs) {
      const running = running$.value;
      if (!running) return false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const synced = Promise.all(running.replications.map((r) => r.awaitInSync())).then(
        () => true as const,
      );
      const result = await Promise.race([synced, timeout]);
      clearTimeout(timer);
      return result;
    },

    async disconnect() {
      await cancelAll();
      clearConnection(storage);
      setHealth({ fatal: null, trouble: null, offlineSince: null, lastSyncedAt: null });
      connection$.next(null);
    },

    stop: cancelAll,

    async claimDeliveries(channel, staffId, ids) {
      const connection = connection$.value;
      if (!connection || health$.value.fatal) return null;
      return claimDeliveries(connection, { channel, staffId, ids: [...ids] }, watchingFetch).catch(
        () => null,
      );
    },
  };
}
