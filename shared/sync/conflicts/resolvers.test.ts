import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aPolicy } from '../../policies/fixtures.js';
import { createAutoRenewal } from '../../policies/auto-renewal-record.js';
import { aYearlyPlan } from '../../policies/fixtures.js';
import { draftTransaction, acceptTransaction } from '../../policies/transactions.js';
import { aRenewal } from '../../renewals/fixtures.js';
import type { DocumentInstance } from '../../schema/document-instance.js';
import { conflictEvent, CONFLICT_RESOLVERS } from './index.js';

const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-02T09:00:00.000Z';
const T2 = '2026-03-03T09:00:00.000Z';

describe('renewals edited apart', () => {
  const base = aRenewal({ dueDate: '2026-03-15', stage: 'T30', nextStageOn: '2026-03-01' });

  it('keep a completion made offline while the server moved the stage on', () => {
    const local = { ...base, status: 'COMPLETED' as const, completedAt: T1, updatedAt: T1 };
    const master = { ...base, stage: 'T14' as const, nextStageOn: '2026-03-08', updatedAt: T2 };
    const { document } = CONFLICT_RESOLVERS.renewals({ local, base, master });
    expect(document).toMatchObject({ status: 'COMPLETED', completedAt: T1, updatedAt: T2 });
  });

  it('prefer a completion to a cancellation', () => {
    const local = { ...base, status: 'CANCELLED' as const, updatedAt: T2 };
    const master = { ...base, status: 'COMPLETED' as const, completedAt: T1, updatedAt: T1 };
    expect(CONFLICT_RESOLVERS.renewals({ local, base, master }).document.status).toBe('COMPLETED');
    expect(
      CONFLICT_RESOLVERS.renewals({ local: master, base, master: local }).document.status,
    ).toBe('COMPLETED');
  });

  it('never lose a completion, whichever side holds it and whatever the other did', () => {
    const statuses = ['ACTIVE', 'OVERDUE', 'COMPLETED', 'CANCELLED'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...statuses), fc.constantFrom(...statuses), (a, b) => {
        const local = { ...base, status: a, updatedAt: T1 };
        const master = { ...base, status: b, updatedAt: T2 };
        const { document } = CONFLICT_RESOLVERS.renewals({ local, base, master });
        if (a === 'COMPLETED' || b === 'COMPLETED') expect(document.status).toBe('COMPLETED');
        else if (a === 'CANCELLED' || b === 'CANCELLED') expect(document.status).toBe('CANCELLED');
      }),
    );
  });

  it('keep the more urgent stage of two open versions', () => {
    const local = { ...base, stage: 'T7' as const, updatedAt: T1 };
    const master = { ...base, stage: 'T14' as const, updatedAt: T2 };
    const { document } = CONFLICT_RESOLVERS.renewals({ local, base, master });
    expect(document).toMatchObject({ stage: 'T7', nextStageOn: '2026-03-16' });
  });

  it('merge people’s edits and report the one both sides changed', () => {
    const local = { ...base, notes: 'Called the client', assigneeId: 'mehmet', updatedAt: T1 };
    const master = { ...base, notes: 'Waiting for papers', updatedAt: T2 };
    const { document, overwritten } = CONFLICT_RESOLVERS.renewals({ local, base, master });
    expect(document).toMatchObject({ notes: 'Waiting for papers', assigneeId: 'mehmet' });
    expect(overwritten).toEqual([
      { field: 'notes', replaced: 'Called the client', kept: 'Waiting for papers' },
    ]);
  });

  it('keep the day a snooze made offline ends while the server moved the stage on', () => {
    const local = { ...base, snoozedUntil: '2026-03-05', nextStageOn: '2026-03-05', updatedAt: T1 };
    const master = { ...base, stage: 'T14' as const, nextStageOn: '2026-03-08', updatedAt: T2 };
    const { document } = CONFLICT_RESOLVERS.renewals({ local, base, master });
    expect(document).toMatchObject({
      stage: 'T14',
      snoozedUntil: '2026-03-05',
      nextStageOn: '2026-03-05',
    });
    // A snooze that ended long ago wakes nothing.
    const ended = { ...base, snoozedUntil: '2026-02-01' };
    const { document: later } = CONFLICT_RESOLVERS.renewals({
      local: { ...ended, notes: 'Called', updatedAt: T1 },
      base: ended,
      master: { ...ended, stage: 'T14' as const, nextStageOn: '2026-03-08', updatedAt: T2 },
    });
    expect(later.nextStageOn).toBe('2026-03-08');
  });

  it('take the stage that goes with a due date someone moved', () => {
    const local = {
      ...base,
      dueDate: '2027-03-15',
      stage: null,
      nextStageOn: '2026-12-15',
      updatedAt: T1,
    };
    const master = { ...base, stage: 'T14' as const, nextStageOn: '2026-03-08', updatedAt: T2 };
    const { document } = CONFLICT_RESOLVERS.renewals({ local, base, master });
    expect(document).toMatchObject({
      dueDate: '2027-03-15',
      stage: null,
      nextStageOn: '2026-12-15',
    });
  });
});

describe('tasks edited apart', () => {
  const task = {
    id: 'task_1',
    renewalId: 'ren_1',
    customerId: 'cus_1',
    assigneeId: 'ayse',
    priority: 'HIGH' as const,
    status: 'OPEN' as const,
    title: 'Start renewing',
    dueDate: '2026-03-15',
    createdAt: T0,
    updatedAt: T0,
  };
  it('stay done once either side marked them done', () => {
    const local = { ...task, status: 'DONE' as const, updatedAt: T1 };
    const master = { ...task, assigneeId: 'mehmet', updatedAt: T2 };
    expect(CONFLICT_RESOLVERS.tasks({ local, base: task, master }).document).toMatchObject({
      status: 'DONE',
      assigneeId: 'mehmet',
    });
  });
});

describe('documents edited apart', () => {
  const draft: DocumentInstance = {
    id: 'doc:t:w',
    templateId: 't',
    templateVersion: 1,
    workerId: 'w',
    status: 'draft',
    data: { name: 'Maria', address: '' },
    renewalNumber: 0,
    createdAt: T0,
    updatedAt: T0,
  };
  it('keep the signed version whole, signature and all', () => {
    const signed = {
      ...draft,
      status: 'completed' as const,
      signatureName: 'Maria Lopez',
      contentHash: 'abc',
      updatedAt: T1,
    };
    const edited = { ...draft, data: { name: 'Maria', address: '2 New Road' }, updatedAt: T2 };
    expect(
      CONFLICT_RESOLVERS.instances({ local: signed, base: draft, master: edited }).document,
    ).toEqual(signed);
    expect(
      CONFLICT_RESOLVERS.instances({ local: edited, base: draft, master: signed }).document,
    ).toEqual(signed);
  });
  it('merge what the worker typed into two drafts, field by field', () => {
    const local = { ...draft, data: { name: 'Maria', address: '2 New Road' }, updatedAt: T1 };
    const master = { ...draft, data: { name: 'Maria Lopez', address: '' }, updatedAt: T2 };
    const { document, overwritten } = CONFLICT_RESOLVERS.instances({ local, base: draft, master });
    expect(document.data).toEqual({ name: 'Maria Lopez', address: '2 New Road' });
    expect(overwritten).toEqual([]);
  });
});

describe('policies and their renewals edited apart', () => {
  const policy = aPolicy;
  it('keep every term either side added', () => {
    const renewed = {
      ...policy,
      terms: [
        ...policy.terms,
        {
          termNumber: 2,
          startTime: '2027-01-01T00:00:00.000Z',
          endTime: '2028-01-01T00:00:00.000Z',
        },
      ],
      updatedAt: T1,
    };
    const renamed = { ...policy, productName: 'Fleet plus', updatedAt: T2 };
    const { document } = CONFLICT_RESOLVERS.policies({
      local: renewed,
      base: policy,
      master: renamed,
    });
    expect(document.terms.map((t) => t.termNumber)).toEqual([1, 2]);
    expect(document.productName).toBe('Fleet plus');
  });

  it('keep an issued renewal issued and both histories', () => {
    const draft = draftTransaction(
      {
        id: 'tx_1',
        policyId: policy.id,
        termNumber: 1,
        type: 'renewal',
        effectiveTime: '2027-01-01T00:00:00.000Z',
        endTime: '2028-01-01T00:00:00.000Z',
        createdBy: 'manual',
      },
      T0,
    );
    const accepted = acceptTransaction(draft, T1);
    const issued = {
      ...accepted,
      state: 'issued' as const,
      history: [
        ...accepted.history,
        { from: 'accepted' as const, to: 'issued' as const, at: T2, manual: true },
      ],
      updatedAt: T2,
    };
    const rejected = {
      ...accepted,
      state: 'rejected' as const,
      history: [
        ...accepted.history,
        {
          from: 'accepted' as const,
          to: 'rejected' as const,
          at: '2026-03-04T09:00:00.000Z',
          manual: true,
        },
      ],
      updatedAt: '2026-03-04T09:00:00.000Z',
    };
    const { document } = CONFLICT_RESOLVERS.transactions({
      local: rejected,
      base: accepted,
      master: issued,
    });
    expect(document.state).toBe('issued');
    expect(document.history.map((h) => h.to)).toEqual(['draft', 'accepted', 'issued', 'rejected']);
  });

  it('never fire a trigger twice: fired on either side stays fired', () => {
    const ar = createAutoRenewal(policy, aYearlyPlan, T0);
    const local = { ...ar, done: { create: '2026-11-02T00:00:00.000Z' }, updatedAt: T1 };
    const master = { ...ar, acceptTime: '2026-12-05T00:00:00.000Z', updatedAt: T2 };
    const { document } = CONFLICT_RESOLVERS.autorenewals({ local, base: ar, master });
    expect(document.done).toEqual({ create: '2026-11-02T00:00:00.000Z' });
    expect(document.acceptTime).toBe('2026-12-05T00:00:00.000Z');
    expect(document.nextTriggerAt).toBe('2026-12-05T00:00:00.000Z');
  });
});

describe('the timeline fact of an overwritten edit', () => {
  it('is the same on every device that settles the same conflict', () => {
    const context = {
      collection: 'renewals' as const,
      recordId: 'ren_1',
      customerId: 'cus_1',
      overwritten: [{ field: 'notes', replaced: 'Called the client', kept: 'Waiting for papers' }],
      today: '2026-03-03',
    };
    const a = conflictEvent({ ...context, at: T1 });
    const b = conflictEvent({ ...context, at: T2 });
    expect(a.id).toBe(b.id);
    expect(a).toMatchObject({
      type: 'EDIT_OVERWRITTEN',
      customerId: 'cus_1',
      detail: 'notes: kept Waiting for papers, replaced Called the client',
    });
  });

  it('names fields and people as people say them', () => {
    const event = conflictEvent({
      collection: 'renewals',
      recordId: 'ren_1',
      customerId: 'cus_1',
      overwritten: [{ field: 'assigneeId', replaced: 'zeynep', kept: 'mehmet' }],
      today: '2026-03-03',
      at: T1,
      names: (field, value) =>
        field === 'assigneeId'
          ? ({ zeynep: 'Zeynep', mehmet: 'Mehmet' }[String(value)] ?? null)
          : null,
    });
    expect(event.title).toBe('Edited on two devices at once: the first saved assignee was kept');
    expect(event.detail).toBe('assignee: kept Mehmet, replaced Zeynep');
  });
});
