import { describe, expect, it } from 'vitest';
import type { DocumentInstance } from '../schema/document-instance.js';
import type { Worker } from '../schema/worker.js';
import { canRenewEarly, planRenewEarly, type RenewEarlyInput } from './renew-early.js';
import { planTemplateCreate } from './template.js';

const T0 = '2026-01-01T00:00:00.000Z';
const created = planTemplateCreate(
  'tpl_nda',
  {
    name: 'NDA',
    fields: [
      { key: 'name', label: 'Name', type: 'text', required: true, profileKey: 'fullName' },
      { key: 'address', label: 'Address', type: 'text', required: false, profileKey: 'address' },
    ],
    renewalModel: { kind: 'signature', renewalDurationMonths: 12 },
  },
  T0,
);
if (!created.ok) throw new Error('fixture template must be valid');
const template = created.template;

const maria: Worker = {
  id: 'wrk_maria',
  fullName: 'Maria Lopez',
  active: true,
  profile: { fullName: 'Maria Lopez', address: '9 New Road' },
  placements: [],
  createdAt: T0,
  updatedAt: T0,
};

/** Signed on 2026-02-15 with the old address; expires on 2027-02-15. */
const signed: DocumentInstance = {
  id: 'doc:tpl_nda:wrk_maria',
  templateId: 'tpl_nda',
  templateVersion: 1,
  workerId: 'wrk_maria',
  status: 'completed',
  data: { name: 'Maria Lopez', address: '1 Old Street' },
  signedAt: '2026-02-15T09:00:00.000Z',
  signedOn: '2026-02-15',
  expiresOn: '2027-02-15',
  renewalNumber: 0,
  createdAt: T0,
  updatedAt: T0,
};

const input = (today: string, extra: Partial<RenewEarlyInput> = {}): RenewEarlyInput => ({
  instance: signed,
  template,
  worker: maria,
  instances: [signed],
  today,
  ...extra,
});

describe('canRenewEarly', () => {
  it('refuses before the 30-day reminder, saying when the renewal opens', () => {
    expect(canRenewEarly(input('2027-01-15'))).toBe(
      'Renewal opens on 2027-01-16, 30 days before it expires on 2027-02-15.',
    );
  });

  it('allows it from the day of the 30-day reminder', () => {
    expect(canRenewEarly(input('2027-01-16'))).toBeNull();
    expect(canRenewEarly(input('2027-02-14'))).toBeNull();
  });

  it('opens with the template’s largest reminder interval', () => {
    const sixty = {
      ...template,
      versions: [{ ...template.versions[0]!, reminderDaysBefore: [60, 7] }],
    };
    expect(canRenewEarly(input('2026-12-17', { template: sixty }))).toBeNull();
    expect(canRenewEarly(input('2026-12-16', { template: sixty }))).toBe(
      'Renewal opens on 2026-12-17, 60 days before it expires on 2027-02-15.',
    );
  });

  it('refuses a document that never expires, an unsigned one and an archived one', () => {
    const { expiresOn: _e, ...oneTime } = signed;
    expect(canRenewEarly(input('2027-01-20', { instance: oneTime }))).toBe(
      'This document never expires, so there is nothing to renew. An admin can re-issue it.',
    );
    expect(canRenewEarly(input('2027-01-20', { instance: { ...signed, status: 'draft' } }))).toBe(
      'Only a signed document can be renewed.',
    );
    expect(
      canRenewEarly(input('2027-01-20', { instance: { ...signed, status: 'expired' } })),
    ).toContain('archived');
  });

  it('refuses a second renewal, and renewing for a deactivated worker', () => {
    const started = {
      ...signed,
      id: 'doc:tpl_nda:wrk_maria:r1',
      status: 'required' as const,
      previousInstanceId: signed.id,
    };
    expect(canRenewEarly(input('2027-01-20', { instances: [signed, started] }))).toBe(
      'The renewal is already started; open it to review and sign.',
    );
    expect(
      canRenewEarly(
        input('2027-01-20', {
          instances: [signed, { ...started, status: 'completed', signedOn: '2027-01-18' }],
        }),
      ),
    ).toBe('Already renewed: the renewal was signed on 2027-01-18.');
    expect(canRenewEarly(input('2027-01-20', { worker: { ...maria, active: false } }))).toBe(
      'Maria Lopez is deactivated; reactivate them first.',
    );
  });
});

describe('planRenewEarly', () => {
  it('creates the instance the expiry would create: next id, latest version, current profile', () => {
    const now = '2027-01-20T10:00:00.000Z';
    expect(planRenewEarly({ ...input('2027-01-20'), now })).toEqual({
      ok: true,
      create: {
        id: 'doc:tpl_nda:wrk_maria:r1',
        templateId: 'tpl_nda',
        templateVersion: 1,
        workerId: 'wrk_maria',
        status: 'required',
        data: { name: 'Maria Lopez', address: '9 New Road' },
        previousInstanceId: signed.id,
        renewalNumber: 1,
        createdAt: now,
        updatedAt: now,
      },
    });
  });

  it('refuses with the reason the button shows', () => {
    expect(planRenewEarly({ ...input('2026-06-01'), now: T0 })).toEqual({
      ok: false,
      error: 'Renewal opens on 2027-01-16, 30 days before it expires on 2027-02-15.',
    });
  });
});
