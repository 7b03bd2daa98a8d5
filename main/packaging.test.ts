/**
 * The installer configuration as electron-builder itself reads and validates it (its own
 * loader and JSON schema), without packaging: that needs the Electron binary.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

type Loaded = { electronFuses?: Record<string, boolean>; asar?: boolean; appId?: string };

async function builderConfig(): Promise<Loaded> {
  const { getConfig, validateConfiguration } =
    (await import('app-builder-lib/out/util/config/config.js')) as unknown as {
      getConfig(dir: string, path: string, options: null): Promise<Loaded>;
      validateConfiguration(config: Loaded, logger: unknown): Promise<void>;
    };
  const { DebugLogger } = (await import('builder-util')) as unknown as {
    DebugLogger: new (enabled: boolean) => unknown;
  };
  const config = await getConfig(process.cwd(), resolve('build/electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder configuration', { timeout: 60_000 }, () => {
  it('is valid for electron-builder and flips every fuse the lock-down needs', async () => {
    const config = await builderConfig();
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('uses the appId main gives Windows as its AppUserModelID', async () => {
    const config = await builderConfig();
    const source = await import('node:fs').then((fs) => fs.readFileSync('main/index.ts', 'utf8'));
    expect(source).toContain(`const APP_USER_MODEL_ID = '${config.appId}'`);
  });
});
