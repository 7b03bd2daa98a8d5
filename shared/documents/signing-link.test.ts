import { describe, expect, it } from 'vitest';
import type { DocumentInstance } from '../schema/document-instance.js';
import type { Worker } from '../schema/worker.js';
import {
  SIGNING_TOKEN,
  signingLinkExpiry,
  signingLinkRefusal,
  signingTarget,
  signingValues,
  templateFieldsOnly,
} from './signing-link.js';
import { latestTemplateVersion, planTemplateCreate } from './template.js';

const created = planTemplateCreate(
  'tpl_contract',
  {
    name: 'Employment contract',
    fields: [
      { key: 'name', label: 'Full name', type: 'text', required: true, profileKey: 'fullName' },
      { key: 'address', label: 'Address', type: 'text', required: true, profileKey: 'address' },
      { key: 'start', label: 'Start date', type: 'date', required: false },
    ],
    body: 'I, {{name}}, of {{address}}, start on {{start}}.',
    renewalModel: { kind: 'signature', renewalDurationMonths: 12 },
  },
  '2026-01-01T00:00:00.000Z',
);
if (!created.ok) throw new Error('fixture template must be valid');
const version = latestTemplateVersion(created.template);

const worker: Worker = {
  id: 'wrk_1',
  fullName: 'Maria Lopez',
  active: true,
  profile: { fullName: 'Maria Lopez', address: '2 New Street' },
  placements: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-02-01T00:00:00.000Z',
};

function instance(fields: Partial<DocumentInstance> = {}): DocumentInstance {
  return {
    id: 'doc:tpl_contract:wrk_1',
    templateId: 'tpl_contract',
    templateVersion: 1,
    workerId: 'wrk_1',
    status: 'required',
    data: { name: 'Maria Lopez', address: '1 Old Street' },
    renewalNumber: 0,
    createdAt: '2026-01-10T00:00:00.000Z',
    updatedAt: '2026-01-10T00:00:00.000Z',
    ...fields,
  };
}

describe('signingLinkExpiry', () => {
  const at = '2026-03-01T09:00:00.000Z';

  it('gives a link 14 days unless asked otherwise', () => {
    expect(signingLinkExpiry(at)).toEqual({ ok: true, value: '2026-03-15T09:00:00.000Z' });
  });

  it('keeps an earlier expiry as asked, in canonical form', () => {
    expect(signingLinkExpiry(at, '2026-03-02T12:00:00+03:00')).toEqual({
      ok: true,
      value: '2026-03-02T09:00:00.000Z',
    });
  });

  it('shortens an expiry beyond 30 days to 30 days', () => {
    expect(signingLinkExpiry(at, '2027-03-01T09:00:00.000Z')).toEqual({
      ok: true,
      value: '2026-03-31T09:00:00.000Z',
    });
  });

  it('refuses an expiry that is not after the link is made, or not an instant', () => {
    expect(signingLinkExpiry(at, at)).toEqual({
      ok: false,
      errors: {
        form: "The link's expiry 2026-03-01T09:00:00.000Z is not after 2026-03-01T09:00:00.000Z; choose a later time.",
      },
    });
    expect(signingLinkExpiry(at, '15 March')).toMatchObject({
      ok: false,
      errors: { form: expect.stringContaining('is not an instant') },
    });
  });
});

describe('signingLinkRefusal', () => {
  it('lets a worker sign a required or draft document', () => {
    expect(signingLinkRefusal(instance(), worker)).toBeNull();
    expect(signingLinkRefusal(instance({ status: 'draft' }), worker)).toBeNull();
  });

  it('refuses a signed, archived or submitted document with what to do', () => {
    expect(signingLinkRefusal(instance({ status: 'completed' }), worker)).toBe(
      'Document doc:tpl_contract:wrk_1 is already signed; there is nothing left to sign.',
    );
    expect(signingLinkRefusal(instance({ status: 'expired' }), worker)).toContain('already signed');
    expect(signingLinkRefusal(instance({ status: 'submitted' }), worker)).toContain(
      'complete it in the app',
    );
  });

  it('refuses a deactivated, missing or different worker', () => {
    expect(signingLinkRefusal(instance(), { ...worker, active: false })).toBe(
      'Maria Lopez is deactivated; reactivate them before sending a signing link.',
    );
    expect(signingLinkRefusal(instance(), null)).toContain('no longer exists');
    expect(signingLinkRefusal(instance(), { ...worker, id: 'wrk_2' })).toContain(
      'no longer exists',
    );
  });
});

describe('signingValues', () => {
  it('fills an untouched document from the worker’s current profile', () => {
    expect(signingValues(instance(), version, worker.profile)).toEqual({
      name: 'Maria Lopez',
      address: '2 New Street',
    });
  });

  it('keeps what was saved in a draft and fills only its empty fields', () => {
    const draft = instance({
      status: 'draft',
      data: { name: 'Maria L. Lopez', address: '', start: '2026-04-01' },
    });
    expect(signingValues(draft, version, worker.profile)).toEqual({
      name: 'Maria L. Lopez',
      address: '2 New Street',
      start: '2026-04-01',
    });
  });

  it('keeps a value the profile no longer has', () => {
    expect(signingValues(instance(), version, { fullName: 'Maria Lopez' })).toEqual({
      name: 'Maria Lopez',
      address: '1 Old Street',
    });
  });
});

describe('templateFieldsOnly', () => {
  it('keeps the template’s fields as text and drops anything else', () => {
    expect(
      templateFieldsOnly(version, { name: 'Maria', start: 5, status: 'completed', address: 'x' }),
    ).toEqual({ name: 'Maria', address: 'x' });
  });
});

describe('SIGNING_TOKEN', () => {
  it('accepts 32 bytes in base64url and nothing else', () => {
    expect(SIGNING_TOKEN.test('a'.repeat(43))).toBe(true);
    expect(SIGNING_TOKEN.test('a'.repeat(42))).toBe(false);
    expect(SIGNING_TOKEN.test(`${'a'.repeat(42)}/`)).toBe(false);
    expect(SIGNING_TOKEN.test(`${'a'.repeat(42)}=`)).toBe(false);
  });
});

describe('signingTarget', () => {
  const signed = instance({ status: 'completed', signedOn: '2026-01-15', expiresOn: '2027-01-15' });
  const renewal = instance({
    id: 'doc:tpl_contract:wrk_1:r1',
    previousInstanceId: signed.id,
    renewalNumber: 1,
  });

  it('signs a document still to sign itself', () => {
    expect(signingTarget(instance(), [])).toEqual({ kind: 'sign', instance: instance() });
  });

  it('signs the renewal that follows a signed or archived document', () => {
    expect(signingTarget(signed, [signed, renewal])).toEqual({ kind: 'sign', instance: renewal });
    const archived = { ...signed, status: 'expired' as const };
    expect(signingTarget(archived, [archived, renewal])).toEqual({
      kind: 'sign',
      instance: renewal,
    });
  });

  it('starts the renewal of a signed document that expires and has none yet', () => {
    expect(signingTarget(signed, [signed])).toEqual({ kind: 'renew' });
  });

  it('leaves nothing to sign once renewed, or for a one-time document', () => {
    const renewed = { ...renewal, status: 'completed' as const, signedOn: '2026-12-20' };
    expect(signingTarget(signed, [signed, renewed])).toEqual({
      kind: 'refused',
      reason:
        'Document doc:tpl_contract:wrk_1 is already renewed (signed on 2026-12-20); there is nothing left to sign.',
    });
    const { expiresOn: _none, ...oneTime } = signed;
    expect(signingTarget(oneTime, [oneTime])).toEqual({
      kind: 'refused',
      reason: 'Document doc:tpl_contract:wrk_1 is already signed; there is nothing left to sign.',
    });
    const archived = { ...signed, status: 'expired' as const };
    expect(signingTarget(archived, [archived])).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('no renewal follows it'),
    });
  });

  it('sends a submitted document to the app to be completed', () => {
    expect(signingTarget(instance({ status: 'submitted' }), [])).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('complete it in the app'),
    });
  });
});
