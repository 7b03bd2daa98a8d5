import { describe, expect, it } from 'vitest';
import { ConfigError, configFrom } from './config.js';

describe('PUBLIC_URL', () => {
  it('defaults to this machine at the configured port', () => {
    expect(configFrom({ PORT: '8787' }).publicUrl).toBe('http://127.0.0.1:8787');
  });

  it('keeps a scheme, host, port and path, without a trailing slash', () => {
    expect(configFrom({ PUBLIC_URL: 'https://nolapse.agency.example/' }).publicUrl).toBe(
      'https://nolapse.agency.example',
    );
    expect(configFrom({ PUBLIC_URL: ' http://192.168.1.20:8787/nolapse// ' }).publicUrl).toBe(
      'http://192.168.1.20:8787/nolapse',
    );
  });

  it('refuses what is not an http(s) address, saying what to write', () => {
    expect(() => configFrom({ PUBLIC_URL: 'nolapse.agency.example' })).toThrow(
      new ConfigError(
        'PUBLIC_URL="nolapse.agency.example" is not an address; write it like https://nolapse.agency.example or http://192.168.1.20:8787.',
      ),
    );
    expect(() => configFrom({ PUBLIC_URL: 'ftp://files.example' })).toThrow(
      'PUBLIC_URL must start with http:// or https://, not ftp://.',
    );
    expect(() => configFrom({ PUBLIC_URL: 'https://nolapse.example/?x=1' })).toThrow(
      'may hold only a scheme, a host, a port and a path',
    );
  });
});
