import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, type InvokeChannel } from '../shared/ipc';
import {
  createInvokeHandler,
  invokeArgumentSchemas,
  isInvokeChannel,
  parseInvokeArguments,
} from './ipc-validation';

const WINDOW_ID = 7;
const fromWindow = { sender: { id: WINDOW_ID } };
const trusted = (id: number) => id === WINDOW_ID;
const request = {
  id: 'evt:ren_1:T30:2026-07-01',
  title: 'Permit due',
  body: 'In 30 days',
  route: '/renewals/ren_1',
};

describe('IPC validation', () => {
  it('has a schema for every invoke channel of the contract', () => {
    expect(Object.keys(invokeArgumentSchemas).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('knows the contract channels and nothing else', () => {
    expect(isInvokeChannel('notify')).toBe(true);
    expect(isInvokeChannel('openDevTools')).toBe(false);
    expect(isInvokeChannel(42)).toBe(false);
  });

  it('refuses to register a channel that is not in the contract', () => {
    expect(() =>
      createInvokeHandler(
        'shell' as InvokeChannel,
        invokeArgumentSchemas.info,
        () => ({ kind: 'electron', hasTray: true }),
        trusted,
      ),
    ).toThrow(/Unknown IPC channel "shell"/);
  });

  it('passes valid arguments to the handler and returns its result', async () => {
    const handler = vi.fn(() => undefined);
    const notify = createInvokeHandler('notify', invokeArgumentSchemas.notify, handler, trusted);
    await expect(notify(fromWindow, request)).resolves.toBeUndefined();
    expect(handler).toHaveBeenCalledWith(request);
  });

  it('ignores a sender that is not the NoLapse window without doing any work', async () => {
    const handler = vi.fn();
    const setBadge = createInvokeHandler(
      'setBadge',
      invokeArgumentSchemas.setBadge,
      handler,
      trusted,
    );
    await expect(setBadge({ sender: { id: 99 } }, { mine: 3, office: 5 })).rejects.toThrow(
      /did not come from the NoLapse window/,
    );
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects invalid arguments before the handler runs, naming the argument and the rule', async () => {
    const handler = vi.fn();
    const setBadge = createInvokeHandler(
      'setBadge',
      invokeArgumentSchemas.setBadge,
      handler,
      trusted,
    );
    await expect(setBadge(fromWindow, { mine: -1, office: 4 })).rejects.toThrow(
      /nolapse\.setBadge\(\) was called with invalid input: argument 1 \(mine\):/,
    );
    await expect(setBadge(fromWindow, { mine: 1, office: 2.5 })).rejects.toThrow(
      /argument 1 \(office\)/,
    );
    await expect(setBadge(fromWindow)).rejects.toThrow(/invalid input/);
    expect(handler).not.toHaveBeenCalled();
  });

  it("takes the badge as the person's and the office's counts, nothing else", async () => {
    const handler = vi.fn();
    const setBadge = createInvokeHandler(
      'setBadge',
      invokeArgumentSchemas.setBadge,
      handler,
      trusted,
    );
    await setBadge(fromWindow, { mine: 3, office: 12 });
    expect(handler).toHaveBeenCalledWith({ mine: 3, office: 12 });
    // The shape before counts were split: one office-wide number.
    await expect(setBadge(fromWindow, 3)).rejects.toThrow(/argument 1/);
    await expect(setBadge(fromWindow, { mine: 3 })).rejects.toThrow(/argument 1 \(office\)/);
    await expect(setBadge(fromWindow, { mine: 3, office: 12, total: 15 })).rejects.toThrow(
      /argument 1/,
    );
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('rejects extra arguments', () => {
    expect(() => parseInvokeArguments('info', invokeArgumentSchemas.info, ['surprise'])).toThrow(
      /nolapse\.info\(\)/,
    );
  });

  it('rejects a notification whose route is not an app route', () => {
    expect(() =>
      parseInvokeArguments('notify', invokeArgumentSchemas.notify, [
        { ...request, route: 'https://evil.example' },
      ]),
    ).toThrow(/argument 1 \(route\): must be an app route/);
    expect(() =>
      parseInvokeArguments('notify', invokeArgumentSchemas.notify, [
        { ...request, route: '//evil.example' },
      ]),
    ).toThrow(/route/);
  });

  it('accepts an IANA office time zone and explains a wrong one', () => {
    expect(
      parseInvokeArguments('setOfficeTimeZone', invokeArgumentSchemas.setOfficeTimeZone, [
        'Europe/Istanbul',
      ]),
    ).toEqual(['Europe/Istanbul']);
    expect(() =>
      parseInvokeArguments('setOfficeTimeZone', invokeArgumentSchemas.setOfficeTimeZone, [
        'Mars/Olympus',
      ]),
    ).toThrow(/must be an IANA time zone/);
  });

  it('accepts an http(s) webhook and refuses other schemes and huge timeouts', () => {
    const hook = {
      url: 'https://hooks.example.com/renewals',
      body: '{}',
      timeoutMs: 5000,
      idempotencyKey: 'ar:pol_1:T1:create:2026-11-02T00:00:00.000Z:1',
      allowedHosts: [],
    };
    expect(parseInvokeArguments('postWebhook', invokeArgumentSchemas.postWebhook, [hook])).toEqual([
      hook,
    ]);
    expect(() =>
      parseInvokeArguments('postWebhook', invokeArgumentSchemas.postWebhook, [
        { ...hook, url: 'file:///etc/passwd' },
      ]),
    ).toThrow(/url.*http:\/\/ or https:\/\//);
    expect(() =>
      parseInvokeArguments('postWebhook', invokeArgumentSchemas.postWebhook, [
        { ...hook, timeoutMs: 3_600_000 },
      ]),
    ).toThrow(/timeoutMs/);
  });

  it('rejects a notification with unknown or missing fields', () => {
    expect(() =>
      parseInvokeArguments('notify', invokeArgumentSchemas.notify, [{ ...request, html: '<b>' }]),
    ).toThrow(/argument 1/);
    expect(() =>
      parseInvokeArguments('notify', invokeArgumentSchemas.notify, [{ ...request, id: '' }]),
    ).toThrow(/argument 1 \(id\)/);
  });

  it('accepts an instant or null to wake at, and explains anything else', () => {
    const wakeAt = (at: unknown) =>
      parseInvokeArguments('wakeAt', invokeArgumentSchemas.wakeAt, [at]);
    expect(wakeAt('2027-01-01T00:00:00.000Z')).toEqual(['2027-01-01T00:00:00.000Z']);
    expect(wakeAt(null)).toEqual([null]);
    expect(() => wakeAt('next Tuesday')).toThrow(
      /nolapse\.wakeAt\(\) was called with invalid input: argument 1: must be an ISO instant/,
    );
    expect(() => wakeAt(1767225600000)).toThrow(/argument 1/);
    expect(() => parseInvokeArguments('wakeAt', invokeArgumentSchemas.wakeAt, [])).toThrow(
      /invalid input/,
    );
  });

  it('accepts an HH:MM daily refresh time and explains a wrong one', () => {
    expect(
      parseInvokeArguments('setDailyRefreshTime', invokeArgumentSchemas.setDailyRefreshTime, [
        '06:45',
      ]),
    ).toEqual(['06:45']);
    expect(() =>
      parseInvokeArguments('setDailyRefreshTime', invokeArgumentSchemas.setDailyRefreshTime, [
        '6:45pm',
      ]),
    ).toThrow(/must be a 24-hour local time written 'HH:MM'/);
  });
});
