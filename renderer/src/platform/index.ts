import type { PlatformApi } from '../../../shared/ipc';
import { createWebPlatform } from './web';

declare global {
  interface Window {
    nolapse?: PlatformApi;
  }
}

/** The platform port: Electron's preload API when present, the web adapter otherwise. */
export function getPlatform(): PlatformApi {
  if (__NOLAPSE_PLATFORM__ === 'electron' && window.nolapse) return window.nolapse;
  return createWebPlatform();
}

export type { PlatformApi };

/** Web mode only: whether the browser may show notifications, and a way to ask (needs a click). */
export function browserNotificationPermission(): NotificationPermission | 'unsupported' {
  if (__NOLAPSE_PLATFORM__ === 'electron' || typeof Notification === 'undefined')
    return 'unsupported';
  return Notification.permission;
}

export async function askBrowserNotificationPermission(): Promise<NotificationPermission> {
  return Notification.requestPermission();
}
