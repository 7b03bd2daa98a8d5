/**
 * The preload under a stand-in for `electron`'s contextBridge and ipcRenderer (the Electron
 * binary cannot run here; e2e/electron/launch.spec.ts checks the same in the real app).
 */
import { describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type PlatformApi } from '../shared/ipc';

const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as { channel: string; args: unknown[] }[],
  listeners: new Map<string, (event: unknown, payload: unknown) => void>(),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (name: string, api: unknown) => bridge.exposed.set(name, api),
  },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => {
      bridge.invoked.push({ channel, args });
      return Promise.resolve(`answer of ${channel}`);
    },
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) =>
      bridge.listeners.set(channel, listener),
  },
}));

await import('./index');
const api = bridge.exposed.get('nolapse') as PlatformApi;

describe('preload', () => {
  it('exposes one object, nolapse, with one method per channel and nothing else', () => {
    expect([...bridge.exposed.keys()]).toEqual(['nolapse']);
    const events = EVENT_CHANNELS.map((c) => `on${c[0]!.toUpperCase()}${c.slice(1)}`);
    expect(Object.keys(api).sort()).toEqual([...INVOKE_CHANNELS, ...events].sort());
  });

  it('sends each method to its own invoke channel with its arguments', async () => {
    const args: Record<(typeof INVOKE_CHANNELS)[number], unknown[]> = {
      info: [],
      notify: [{ id: 'n', title: 't', body: 'b', route: '/' }],
      setBadge: [{ mine: 1, office: 2 }],
      setDailyRefreshTime: ['07:00'],
      setOfficeTimeZone: ['UTC'],
      postWebhook: [{ url: 'https://x.example', body: '{}', timeoutMs: 1000 }],
      wakeAt: [null],
      setJobRunning: [true],
      writeDailyBackup: [{ day: '2026-06-15', snapshot: '{}' }],
      backupStatus: [],
      setBackupsKept: [7],
    };
    for (const channel of INVOKE_CHANNELS) {
      bridge.invoked.length = 0;
      const call = api[channel] as (...a: unknown[]) => Promise<unknown>;
      await expect(call(...args[channel])).resolves.toBe(`answer of ${channel}`);
      expect(bridge.invoked).toEqual([{ channel, args: args[channel] }]);
    }
  });

  it('relays main’s events to subscribers, keeping those that came before subscribing', async () => {
    bridge.listeners.get('tick')!({}, { reason: 'startup', at: '2026-06-15T07:00:00.000Z' });
    const ticks: unknown[] = [];
    api.onTick((tick) => ticks.push(tick));
    await Promise.resolve();
    expect(ticks).toEqual([{ reason: 'startup', at: '2026-06-15T07:00:00.000Z' }]);
    const routes: string[] = [];
    const stop = api.onNavigate((route) => routes.push(route));
    bridge.listeners.get('navigate')!({}, '/queue');
    stop();
    bridge.listeners.get('navigate')!({}, '/tasks');
    expect(routes).toEqual(['/queue']);
  });
});
