import { describe, expect, it, vi } from 'vitest';
import {
  INVOKE_CHANNELS,
  MAX_BACKUP_CHARS,
  MAX_BACKUPS_KEPT,
  type InvokeChannel,
} from '../shared/ipc';
import {
  createInvokeHandler,
  invokeArgumentSchemas,
  isInvokeChannel,
  parseInvokeArguments,
  trustedSender,
  type InvokeSender,
} from './ipc-validation';

const WINDOW_ID = 7;
const page = { url: 'app://nolapse/index.html#/queue', parent: null };
const fromWindow: InvokeSender = { sender: { id: WINDOW_ID }, senderFrame: page };
const trusted = trustedSender({ windowId: () => WINDOW_ID, origins: () => ['app://nolapse'] });
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
    await expect(
      setBadge({ sender: { id: 99 }, senderFrame: page }, { mine: 3, office: 5 }),
    ).rejects.toThrow(/did not come from the NoLapse window/);
    expect(handler).not.toHaveBeenCalled();
  });

  it("ignores our window's subframes, other origins and frames that are gone", async () => {
    const handler = vi.fn();
    const setBadge = createInvokeHandler(
      'setBadge',
      invokeArgumentSchemas.setBadge,
      handler,
      trusted,
    );
    const counts = { mine: 1, office: 1 };
    const from = (senderFrame: InvokeSender['senderFrame']) => ({
      sender: { id: WINDOW_ID },
      senderFrame,
    });
    await expect(
      setBadge(from({ url: 'app://nolapse/index.html', parent: page }), counts),
    ).rejects.toThrow(/a frame inside the page, not the page itself/);
    await expect(
      setBadge(from({ url: 'https://evil.example/', parent: null }), counts),
    ).rejects.toThrow(/came from https:\/\/evil\.example, not the NoLapse app/);
    await expect(
      setBadge(from({ url: 'file:///home/me/index.html', parent: null }), counts),
    ).rejects.toThrow(/not the NoLapse app/);
    await expect(
      setBadge(from({ url: 'app://other/index.html', parent: null }), counts),
    ).rejects.toThrow(/came from app:\/\/other/);
    await expect(setBadge(from(null), counts)).rejects.toThrow(/the frame that sent it is gone/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('trusts nothing before the window exists', async () => {
    const check = trustedSender({ windowId: () => null, origins: () => ['app://nolapse'] });
    expect(check(fromWindow)).toMatch(/did not come from the NoLapse window/);
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

  it('takes a boolean for whether a job runs, nothing else', () => {
    const parse = (...args: unknown[]) =>
      parseInvokeArguments('setJobRunning', invokeArgumentSchemas.setJobRunning, args);
    expect(parse(true)).toEqual([true]);
    expect(parse(false)).toEqual([false]);
    expect(() => parse('true')).toThrow(/nolapse\.setJobRunning\(\).*argument 1/);
    expect(() => parse()).toThrow(/invalid input/);
  });

  it('takes a daily backup only as a NoLapse backup document of a real day', () => {
    const parse = (request: unknown) =>
      parseInvokeArguments('writeDailyBackup', invokeArgumentSchemas.writeDailyBackup, [request]);
    const snapshot = '{"format":"nolapse-backup","version":1,"collections":{}}';
    expect(parse({ day: '2026-06-15', snapshot })).toEqual([{ day: '2026-06-15', snapshot }]);
    expect(() => parse({ day: '2026-02-30', snapshot })).toThrow(
      /argument 1 \(day\): must be the office date the backup is of, as YYYY-MM-DD/,
    );
    expect(() => parse({ day: '../../etc', snapshot })).toThrow(/argument 1 \(day\)/);
    expect(() => parse({ day: '2026-06-15', snapshot: '{"format":"other"}' })).toThrow(
      /argument 1 \(snapshot\): must be a NoLapse backup/,
    );
    expect(() => parse({ day: '2026-06-15', snapshot, path: '/tmp/x' })).toThrow(/argument 1/);
  });

  it('keeps between 1 and a year of daily backups', () => {
    const parse = (count: unknown) =>
      parseInvokeArguments('setBackupsKept', invokeArgumentSchemas.setBackupsKept, [count]);
    expect(parse(1)).toEqual([1]);
    expect(parse(MAX_BACKUPS_KEPT)).toEqual([MAX_BACKUPS_KEPT]);
    expect(() => parse(0)).toThrow(/keep at least 1 backup/);
    expect(() => parse(MAX_BACKUPS_KEPT + 1)).toThrow(/keep at most 366 backups/);
    expect(() => parse(2.5)).toThrow(/must be a whole number of backups/);
    expect(() => parse(Number.NaN)).toThrow(/argument 1/);
  });
});

/**
 * For every channel: input too large or out of range is refused before the handler runs. The
 * table must name every channel, so a new one cannot be added without its hostile input.
 */
const HOSTILE_INPUT: Record<InvokeChannel, { oversized: unknown[]; outOfRange: unknown[] }> = {
  info: { oversized: ['x'.repeat(10_000)], outOfRange: [1] },
  notify: {
    oversized: [{ ...request, body: 'x'.repeat(2001) }],
    outOfRange: [{ ...request, route: 'javascript:alert(1)' }],
  },
  setBadge: {
    oversized: [{ mine: 1_000_001, office: 1 }],
    outOfRange: [{ mine: -1, office: 0 }],
  },
  setDailyRefreshTime: { oversized: ['0'.repeat(100_000)], outOfRange: ['24:00'] },
  setOfficeTimeZone: { oversized: ['Europe/'.repeat(50)], outOfRange: ['UTC+25'] },
  postWebhook: {
    oversized: [{ url: 'https://hooks.example/', body: 'x'.repeat(1_000_001), timeoutMs: 1000 }],
    outOfRange: [{ url: 'https://hooks.example/', body: '{}', timeoutMs: 50 }],
  },
  wakeAt: {
    oversized: ['2027-01-01T00:00:00.000Z'.repeat(10)],
    outOfRange: ['2027-13-01T00:00:00Z'],
  },
  setJobRunning: { oversized: [true, 'x'.repeat(10_000)], outOfRange: [1] },
  writeDailyBackup: {
    // A backup in every other way, one character too long (repeat builds it flat, as IPC does).
    oversized: [
      {
        day: '2026-06-15',
        snapshot: '{"format":"nolapse-backup"} '.repeat(Math.ceil(MAX_BACKUP_CHARS / 28) + 1),
      },
    ],
    outOfRange: [{ day: '0000-00-00', snapshot: '{"format":"nolapse-backup"}' }],
  },
  backupStatus: { oversized: [{ everything: 'x'.repeat(10_000) }], outOfRange: [null] },
  setBackupsKept: { oversized: [1e12], outOfRange: [-7] },
};

describe('IPC validation against hostile input', { timeout: 30_000 }, () => {
  it('has oversized and out-of-range input for every channel', () => {
    expect(Object.keys(HOSTILE_INPUT).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  for (const channel of INVOKE_CHANNELS) {
    it(`refuses oversized and out-of-range input on ${channel} before any work`, async () => {
      const handler = vi.fn();
      const invoke = createInvokeHandler(
        channel,
        invokeArgumentSchemas[channel] as never,
        handler,
        trusted,
      );
      for (const args of [HOSTILE_INPUT[channel].oversized, HOSTILE_INPUT[channel].outOfRange])
        await expect(invoke(fromWindow, ...args)).rejects.toThrow(
          new RegExp(`nolapse\\.${channel}\\(\\) was called with invalid input`),
        );
      expect(handler).not.toHaveBeenCalled();
    });
  }
});
