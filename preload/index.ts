import { contextBridge, ipcRenderer } from 'electron';
import type {
  BackupStatus,
  BadgeCounts,
  DailyBackupRequest,
  DailyBackupResult,
  InvokeChannel,
  NotificationRequest,
  PauseReminders,
  PlatformApi,
  PlatformInfo,
  SchedulerTick,
  WebhookRequest,
  WebhookResponse,
} from '../shared/ipc';
import { EventRelay } from './event-relay';

// Sandboxed preload: only `electron` is required at run time; everything else is bundled.
function invoke<T>(channel: InvokeChannel, ...args: unknown[]): Promise<T> {
  return ipcRenderer.invoke(channel, ...args) as Promise<T>;
}

const ticks = new EventRelay<SchedulerTick>();
const navigations = new EventRelay<string>();
const pauses = new EventRelay<PauseReminders>({ capacity: 1 });

ipcRenderer.on('tick', (_event, tick: SchedulerTick) => ticks.emit(tick));
ipcRenderer.on('navigate', (_event, route: string) => navigations.emit(route));
ipcRenderer.on('pauseChanged', (_event, pause: PauseReminders) => pauses.emit(pause));

const api = {
  info: () => invoke<PlatformInfo>('info'),
  notify: (notification: NotificationRequest) => invoke<void>('notify', notification),
  setBadge: (counts: BadgeCounts) => invoke<void>('setBadge', counts),
  setDailyRefreshTime: (time: string) => invoke<void>('setDailyRefreshTime', time),
  setOfficeTimeZone: (timeZone: string) => invoke<void>('setOfficeTimeZone', timeZone),
  postWebhook: (request: WebhookRequest) => invoke<WebhookResponse>('postWebhook', request),
  wakeAt: (at: string | null) => invoke<void>('wakeAt', at),
  setJobRunning: (running: boolean) => invoke<void>('setJobRunning', running),
  writeDailyBackup: (request: DailyBackupRequest) =>
    invoke<DailyBackupResult>('writeDailyBackup', request),
  backupStatus: () => invoke<BackupStatus>('backupStatus'),
  setBackupsKept: (count: number) => invoke<BackupStatus>('setBackupsKept', count),
  onTick: (listener: (tick: SchedulerTick) => void) => ticks.subscribe(listener),
  onNavigate: (listener: (route: string) => void) => navigations.subscribe(listener),
  onPauseChanged: (listener: (pause: PauseReminders) => void) => pauses.subscribe(listener),
} satisfies PlatformApi;

contextBridge.exposeInMainWorld('nolapse', api);
