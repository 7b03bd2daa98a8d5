import { describe, expect, it } from 'vitest';
import { aPolicy, aYearlyPlan } from './fixtures.js';
import { createAutoRenewal } from './auto-renewal-record.js';
import type { AutoRenewal, AutoRenewalPlan, Policy } from './model.js';
import {
  apiAutoRenewal,
  interpretWebhookResult,
  renewalNotice,
  validatePluginReply,
  webhookRequestBody,
} from './plugins.js';

const policy: Policy = aPolicy;
const plan: AutoRenewalPlan = aYearlyPlan;
const autoRenewal = createAutoRenewal(policy, plan, '2026-06-01T00:00:00.000Z');

describe('validatePluginReply', () => {
  it('accepts an empty or null reply as no changes', () => {
    expect(validatePluginReply({})).toEqual({ ok: true, changes: {} });
    expect(validatePluginReply(null)).toEqual({ ok: true, changes: {} });
  });

  it('normalises times to UTC and keeps null as "no action"', () => {
    expect(
      validatePluginReply({
        renewalTransactionAcceptTime: '2026-12-01T12:00:00+02:00',
        renewalTransactionIssueTime: null,
      }),
    ).toEqual({
      ok: true,
      changes: {
        renewalTransactionAcceptTime: '2026-12-01T10:00:00.000Z',
        renewalTransactionIssueTime: null,
      },
    });
  });

  it('rejects unknown fields, wrong states and impossible times with a reason', () => {
    expect(validatePluginReply({ autoRenewalstate: 'active' })).toEqual({
      ok: false,
      reason: 'Invalid plugin reply (unknown field autoRenewalstate).',
    });
    expect(validatePluginReply({ autoRenewalState: 'issued' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('autoRenewalState') as string,
    });
    expect(
      validatePluginReply({ renewalTransactionCreateTime: '2026-02-30T00:00:00Z' }),
    ).toMatchObject({ ok: false });
    expect(validatePluginReply({ newTermDuration: 0 })).toMatchObject({ ok: false });
    expect(validatePluginReply('yes')).toMatchObject({ ok: false });
  });
});

describe('webhook plugin', () => {
  it('posts the event and the auto-renewal as the API sends it, with the seed’s field names', () => {
    expect(JSON.parse(webhookRequestBody('accept', autoRenewal))).toEqual({
      renewalEvent: 'accept',
      autoRenewal: {
        id: 'ar:pol1:T1',
        policyId: 'pol1',
        termNumber: 1,
        autoRenewalState: 'active',
        renewalTransactionType: 'renewal',
        newTermDuration: 12,
        renewalTransactionCreateTime: '2026-11-02T00:00:00.000Z',
        renewalTransactionAcceptTime: '2026-12-02T00:00:00.000Z',
        renewalTransactionIssueTime: '2026-12-25T00:00:00.000Z',
        transactionId: null,
        invalidatedAt: null,
      },
    });
  });

  it('maps a managed, failed auto-renewal with its transaction and reason', () => {
    const failed: AutoRenewal = {
      ...autoRenewal,
      state: 'error',
      errorReason: 'webhook failed',
      transactionId: 'tx:ar:pol1:T1:auto',
      issueTime: null,
    };
    expect(apiAutoRenewal(failed)).toMatchObject({
      autoRenewalState: 'error',
      errorReason: 'webhook failed',
      transactionId: 'tx:ar:pol1:T1:auto',
      renewalTransactionIssueTime: null,
    });
    expect(Object.keys(apiAutoRenewal(failed))).not.toContain('pluginLog');
  });

  it('takes back its own field names in a reply', () => {
    const sent = apiAutoRenewal(autoRenewal);
    const { autoRenewalState, renewalTransactionType, newTermDuration } = sent;
    expect(
      validatePluginReply({
        autoRenewalState,
        renewalTransactionType,
        newTermDuration,
        renewalTransactionCreateTime: sent.renewalTransactionCreateTime,
        renewalTransactionAcceptTime: sent.renewalTransactionAcceptTime,
        renewalTransactionIssueTime: sent.renewalTransactionIssueTime,
      }).ok,
    ).toBe(true);
  });

  it('turns HTTP results into a reply or a reason', () => {
    expect(interpretWebhookResult({ status: 200, body: '{"newTermDuration":6}' })).toEqual({
      reply: { newTermDuration: 6 },
    });
    expect(interpretWebhookResult({ status: 204, body: '' })).toEqual({ reply: {} });
    expect(interpretWebhookResult({ status: 500, body: 'oops' })).toEqual({
      error: 'The webhook answered HTTP 500.',
    });
    expect(interpretWebhookResult({ status: 200, body: '<html>' })).toEqual({
      error: 'The webhook answered with a body that is not JSON.',
    });
    expect(interpretWebhookResult({ error: 'timeout' })).toEqual({
      error: 'The webhook did not answer before its timeout.',
    });
    expect(interpretWebhookResult({ error: 'ECONNREFUSED' })).toEqual({
      error: 'The webhook could not be reached: ECONNREFUSED.',
    });
  });
});

describe('renewal-notice plugin', () => {
  it('writes a timeline event and notifies the assignee, asking for no changes', () => {
    const notice = renewalNotice(
      { renewalEvent: 'create', autoRenewal },
      policy,
      '2026-11-02T00:00:00.000Z',
      'Europe/Istanbul',
    );
    expect(notice.reply).toEqual({});
    expect(notice.event).toMatchObject({
      id: 'evt:ar:pol1:T1:notice:create',
      type: 'AUTO_RENEWAL_NOTICE',
      customerId: 'cus1',
      subjectId: 'pol1',
      occurredOn: '2026-11-02',
    });
    expect(notice.notice).toMatchObject({
      audience: { kind: 'staff', staffId: 'agent1' },
      route: '/policies/pol1',
      title: 'A renewal is being drafted for policy P-1',
    });
  });
});
