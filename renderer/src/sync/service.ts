import type { SyncManager } from './manager';
import { adminApi } from './server-api';

/**
 * What screens get for sync (through services): the manager, the office's device tokens for
 * an admin, and how this device leaves the office. In the web app the office server serves,
 * leaving is signing out (this browser's copy is deleted); elsewhere it is disconnecting (the
 * records stay on the device).
 */
export type SyncService = SyncManager & {
  /** Device tokens, when this device's token is an office admin's. */
  admin(): ReturnType<typeof adminApi> | null;
  /** How leaving works here: 'sign-out' in the served web app, 'disconnect' elsewhere. */
  leaving: 'sign-out' | 'disconnect';
  /** Leaves the office; the served web app then reloads to its sign-in screen. */
  leave(): Promise<void>;
};

export function syncService(
  manager: SyncManager,
  options: {
    servedByOffice: boolean;
    removeLocalData(): Promise<void>;
  },
): SyncService {
  return {
    ...manager,
    admin() {
      const connection = manager.connection();
      return connection?.role === 'admin' ? adminApi(connection) : null;
    },
    leaving: options.servedByOffice ? 'sign-out' : 'disconnect',
    async leave() {
      await manager.disconnect();
      if (options.servedByOffice) await options.removeLocalData();
    },
  };
}
