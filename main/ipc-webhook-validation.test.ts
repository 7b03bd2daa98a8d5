import { describe, expect, it } from 'vitest';
import { invokeArgumentSchemas, parseInvokeArguments } from './ipc-validation';

// The postWebhook channel's idempotency key and allow-list, checked in main before any call.
const hook = {
  url: 'https://hooks.example.com/renewals',
  body: '{}',
  timeoutMs: 5000,
  idempotencyKey: 'ar:pol_1:T1:create:2026-11-02T00:00:00.000Z:1',
  allowedHosts: ['crm.agency.internal', '10.0.0.5', '::1'],
};
const parse = (request: unknown) =>
  parseInvokeArguments('postWebhook', invokeArgumentSchemas.postWebhook, [request]);

describe('postWebhook arguments', () => {
  it('accept an idempotency key and host names or addresses to allow', () => {
    expect(parse(hook)).toEqual([hook]);
  });

  it('refuse a key that cannot be an HTTP header value, or none', () => {
    expect(() => parse({ ...hook, idempotencyKey: 'a\r\nX-Evil: 1' })).toThrow(
      /idempotencyKey.*printable ASCII/,
    );
    expect(() => parse({ ...hook, idempotencyKey: '' })).toThrow(/idempotencyKey/);
    const { idempotencyKey: _key, ...withoutKey } = hook;
    expect(() => parse(withoutKey)).toThrow(/idempotencyKey/);
  });

  it('refuse allow-list entries that are not hosts, and too many of them', () => {
    expect(() => parse({ ...hook, allowedHosts: ['http://10.0.0.5/'] })).toThrow(
      /allowedHosts.*host name or IP address/,
    );
    expect(() =>
      parse({ ...hook, allowedHosts: Array.from({ length: 51 }, (_, i) => `h${i}.corp`) }),
    ).toThrow(/allowedHosts/);
  });
});
