import type { SyncInfo } from '../../../shared/sync/protocol';

/**
 * The office server this device syncs with, kept on the device only (it holds a secret: the
 * device's token). In the desktop app that is the app's own profile; in a browser, the origin's
 * storage, which signing out clears.
 */
export type SyncConnection = {
  url: string;
  token: string;
  officeId: string;
  officeName: string;
  staffId: string | null;
  role: SyncInfo['role'];
  /** The token's id on the server (absent in connections saved before it was kept). */
  tokenId?: string;
  joinedAt: string;
};

/** Where the connection is kept: localStorage in the app, a Map in tests. */
export type ConnectionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KEY = 'nolapse.sync';

export function loadConnection(storage: ConnectionStorage): SyncConnection | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<SyncConnection>;
    return typeof parsed.url === 'string' &&
      typeof parsed.token === 'string' &&
      typeof parsed.officeId === 'string'
      ? (parsed as SyncConnection)
      : null;
  } catch {
    return null;
  }
}

export function saveConnection(storage: ConnectionStorage, connection: SyncConnection) {
  storage.setItem(KEY, JSON.stringify(connection));
}

export function clearConnection(storage: ConnectionStorage) {
  storage.removeItem(KEY);
}

/** A Storage for tests and for hosts without localStorage. */
export function memoryStorage(): ConnectionStorage {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}
