import { describe, expect, it } from 'vitest';
import {
  applyPluginReplies,
  canDiscard,
  canReactivate,
  createAutoRenewal,
  discardAutoRenewal,
  MAX_CALL_ATTEMPTS,
  reactivate,
  recordWebhookRound,
  updateAutoRenewal,
} from './auto-renewal.js';
import { aPolicy, aYearlyPlan } from './fixtures.js';
import type { AutoRenewal } from './model.js';
import { MAX_REPLY_REASON, validatePluginReply } from './plugins.js';

// A plugin's reply cannot take irreversible control: times stay in a sane window, impossible
// dates are refused, what it discards a person can bring back, and its calls are recorded first.
const webhook = {
  kind: 'webhook' as const,
  url: 'https://hooks.agency.example/ar',
  timeoutMs: 2000,
};
const AT_CREATE = '2026-11-02T00:00:00.000Z';
const BOUNDS = { termEnd: '2027-01-01T00:00:00.000Z' };
const fresh = () => createAutoRenewal(aPolicy, aYearlyPlan, '2026-06-01T00:00:00.000Z');
const reply = (ar: AutoRenewal, body: unknown, now = AT_CREATE) =>
  applyPluginReplies(ar, 'create', [{ plugin: webhook, reply: body }], now, BOUNDS);

describe('trigger times a plugin may set', () => {
  it('refuses a time more than a day before now, with the reason', () => {
    const result = reply(fresh(), { renewalTransactionAcceptTime: '2026-10-31T23:59:59Z' });
    expect(result.proceed).toBe(false);
    expect(result.autoRenewal).toMatchObject({
      state: 'error',
      acceptTime: '2026-12-02T00:00:00.000Z',
      errorReason:
        'A plugin set the accept time to 2026-10-31T23:59:59.000Z, more than a day before now (2026-11-02T00:00:00.000Z); a trigger time can move into the future only.',
    });
  });

  it('takes a time within the last day, and one up to a year after the term end', () => {
    expect(
      reply(fresh(), { renewalTransactionCreateTime: '2026-11-01T00:00:00Z' }).autoRenewal.state,
    ).toBe('active');
    const late = reply(fresh(), { renewalTransactionIssueTime: '2028-01-01T00:00:00Z' });
    expect(late.autoRenewal).toMatchObject({
      state: 'active',
      issueTime: '2028-01-01T00:00:00.000Z',
    });
  });

  it('refuses a time more than a year after the term ends', () => {
    expect(
      reply(fresh(), { renewalTransactionIssueTime: '2028-01-01T00:00:01Z' }).autoRenewal
        .errorReason,
    ).toBe(
      'A plugin set the issue time to 2028-01-01T00:00:01.000Z, more than a year after the term ends (2027-01-01T00:00:00.000Z); set it by hand if that is really meant.',
    );
  });

  it('lets a plugin echo the times it was sent, even ones long past', () => {
    const ar = fresh();
    const result = reply(
      ar,
      { renewalTransactionCreateTime: '2026-11-02T00:00:00Z' },
      '2026-12-20T00:00:00.000Z',
    );
    expect(result).toMatchObject({ proceed: true, autoRenewal: { state: 'active' } });
  });

  it('refuses impossible calendar dates instead of rolling them over', () => {
    for (const bad of ['2026-02-30T00:00+00:00', '2026-04-31T10:00Z', '2026-12-01T24:00Z']) {
      const check = validatePluginReply({ renewalTransactionAcceptTime: bad });
      expect(check, bad).toEqual({
        ok: false,
        reason: `Invalid plugin reply (renewalTransactionAcceptTime: "${bad}" is not an ISO date-time with a time zone).`,
      });
    }
  });
});

describe('what a plugin discards', () => {
  it('is marked with the plugin, and a person may reactivate it', () => {
    const discarded = reply(fresh(), { autoRenewalState: 'discarded' });
    expect(discarded.proceed).toBe(false);
    expect(discarded.autoRenewal).toMatchObject({
      state: 'discarded',
      discardedBy: 'webhook https://hooks.agency.example/ar',
      nextTriggerAt: '9999-12-31T00:00:00.000Z',
    });
    expect(canReactivate(discarded.autoRenewal)).toBeNull();
    const back = reactivate(discarded.autoRenewal, '2026-11-03T00:00:00.000Z');
    expect(back.state).toBe('active');
    expect(back.discardedBy).toBeUndefined();
    expect(back.nextTriggerAt).toBe(AT_CREATE);
  });

  it('cannot be edited until reactivated, and a person may discard it for good', () => {
    const discarded = reply(fresh(), { autoRenewalState: 'discarded' }).autoRenewal;
    expect(() => updateAutoRenewal(discarded, { createTime: null }, AT_CREATE)).toThrow(
      'webhook https://hooks.agency.example/ar discarded this auto-renewal; reactivate it first to change it.',
    );
    expect(canDiscard(discarded)).toBeNull();
    const final = discardAutoRenewal(discarded, AT_CREATE);
    expect(final.discardedBy).toBeUndefined();
    expect(canReactivate(final)).toBe(
      'This auto-renewal was discarded by hand; it cannot be reactivated. Create a new one for the term instead.',
    );
  });

  it('names the last plugin that set the state when several answered', () => {
    const other = { ...webhook, url: 'https://crm.agency.example/hook' };
    const result = applyPluginReplies(
      fresh(),
      'create',
      [
        { plugin: webhook, reply: { autoRenewalState: 'doNotRenew' } },
        { plugin: other, reply: { autoRenewalState: 'discarded' } },
      ],
      AT_CREATE,
      BOUNDS,
    );
    expect(result.autoRenewal.discardedBy).toBe('webhook https://crm.agency.example/hook');
  });
});

describe('recordWebhookRound', () => {
  const trigger = { event: 'create' as const, at: AT_CREATE };

  it('numbers each new round and records it as pending', () => {
    const first = recordWebhookRound(fresh(), trigger, [webhook], AT_CREATE);
    expect(first).toMatchObject({
      gaveUp: false,
      key: 'ar:pol1:T1:create:2026-11-02T00:00:00.000Z:1',
      autoRenewal: {
        webhookRounds: 1,
        pendingCall: {
          event: 'create',
          key: 'ar:pol1:T1:create:2026-11-02T00:00:00.000Z:1',
          recordedAt: AT_CREATE,
          attempts: 1,
        },
      },
    });
    const { pendingCall: _answered, ...answered } = first.autoRenewal;
    expect(recordWebhookRound(answered, trigger, [webhook], AT_CREATE).key).toBe(
      'ar:pol1:T1:create:2026-11-02T00:00:00.000Z:2',
    );
  });

  it('retries an interrupted round with its key, logging it, and gives up after the last try', () => {
    let ar = recordWebhookRound(fresh(), trigger, [webhook], AT_CREATE).autoRenewal;
    for (let attempt = 2; attempt <= MAX_CALL_ATTEMPTS; attempt++) {
      const retry = recordWebhookRound(ar, trigger, [webhook], '2026-11-02T01:00:00.000Z');
      expect(retry.key).toBe('ar:pol1:T1:create:2026-11-02T00:00:00.000Z:1');
      expect(retry.autoRenewal.pendingCall?.attempts).toBe(attempt);
      expect(retry.autoRenewal.pluginLog.at(-1)?.outcome).toMatch(/^interrupted: /);
      ar = retry.autoRenewal;
    }
    const gaveUp = recordWebhookRound(ar, trigger, [webhook], '2026-11-02T02:00:00.000Z');
    expect(gaveUp.gaveUp).toBe(true);
    expect(gaveUp.autoRenewal.state).toBe('error');
    expect(gaveUp.autoRenewal.pendingCall).toBeUndefined();
    expect(gaveUp.autoRenewal.errorReason).toMatch(/was interrupted 3 times/);
  });
});

describe('a reply with thousands of unknown fields', () => {
  it('is refused with its reasons cut to a length the record can hold', () => {
    const reply = Object.fromEntries(
      Array.from({ length: 5000 }, (_, i) => [`field_${i}`, i] as const),
    );
    const check = validatePluginReply(reply);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.reason).toMatch(/^Invalid plugin reply \(unknown fields field_0, field_1, /);
    expect(check.reason.length).toBeLessThanOrEqual(MAX_REPLY_REASON + 30);
  });
});
