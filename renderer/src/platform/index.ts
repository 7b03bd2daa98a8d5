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
