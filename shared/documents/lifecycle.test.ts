import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits.js';
import type { DocumentInstance } from '../schema/document-instance.js';
import type { Worker } from '../schema/worker.js';
import {
  archiveInstance,
  assertOneOpenInstance,
  autoFill,
  checkInstanceUpdate,
  completeInstance,
  findOpenInstance,
  isOpen,
  openInstance,
  openInstanceConflicts,
  planSigning,
  renewalInstanceId,
  saveDraft,
  signedContent,
  submitInstance,
  verifyContent,
} from './lifecycle.js';
import { assignmentCheck, planAssign } from './assign.js';
import { sha256Hex } from './sha256.js';
import { latestTemplateVersion, planTemplateCreate } from './template.js';

const created = planTemplateCreate(
  'tpl_nda',
  {
    name: 'NDA',
    fields: [
      { key: 'fullName', label: 'Full name', type: 'text', required: true, profileKey: 'fullName' },
      { key: 'email', label: 'Email', type: 'email', required: true, profileKey: 'email' },
      { key: 'startDate', label: 'Start date', type: 'date', required: false },
      { key: 'hours', label: 'Weekly hours', type: 'number', required: false, profileKey: 'hours' },
    ],
    body: 'I, {{fullName}}, will keep client information confidential.',
    renewalModel: { kind: 'signature', renewalDurationMonths: 12 },
  },
  '2026-01-01T00:00:00.000Z',
);
if (!created.ok) throw new Error('fixture template must be valid');
const template = created.template;
const version = latestTemplateVersion(template);

const ada: Worker = {
  id: 'wrk_ada',
  fullName: 'Ada Lovelace',
  email: 'ada@example.com',
  active: true,
  profile: { fullName: 'Ada Lovelace', email: 'ada@example.com', hours: '' },
  placements: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const NOW = '2026-02-15T09:00:00.000Z';
const SIGNATURE = 'data:image/png;base64,iVBORw0KGgo=';

function assigned(): DocumentInstance {
  const plan = planAssign({ template, worker: ada, instances: [], now: NOW });
  if (!plan.ok) throw new Error(plan.error);
  return plan.create;
}

function draft(): DocumentInstance {
  const opened = openInstance(assigned(), NOW);
  if (!opened.ok) throw new Error(opened.error);
  return opened.instance;
}

const signing = {
  data: { fullName: 'Ada Lovelace', email: 'ada@example.com' },
  signatureName: 'Ada Lovelace',
  signatureImage: SIGNATURE,
  signedAt: '2026-02-15T10:30:00.000Z',
  signedOn: '2026-02-15',
};

function signed(): DocumentInstance {
  const result = planSigning(draft(), signing, version);
  if (!result.ok) throw new Error(result.error);
  return result.instance;
}

function submitted(): DocumentInstance {
  const result = submitInstance(draft(), signing, version, '2026-02-15T10:00:00.000Z');
  if (!result.ok) throw new Error(result.error);
  return result.instance;
}

const LATER = '2026-06-01T09:00:00.000Z';
const oneTimeCreated = planTemplateCreate(
  'tpl_bg',
  {
    name: 'Background check consent',
    fields: [
      { key: 'fullName', label: 'Full name', type: 'text', required: true, profileKey: 'fullName' },
    ],
    body: 'I, {{fullName}}, consent to a background check.',
    renewalModel: { kind: 'none' },
  },
  '2026-01-01T00:00:00.000Z',
);
if (!oneTimeCreated.ok) throw new Error('fixture template must be valid');
const oneTime = oneTimeCreated.template;

/** A background check consent Ada signed on 2026-02-15; it never expires. */
function signedOneTime(): DocumentInstance {
  const plan = planAssign({ template: oneTime, worker: ada, instances: [], now: NOW });
  if (!plan.ok) throw new Error(plan.error);
  const opened = openInstance(plan.create, NOW);
  if (!opened.ok) throw new Error(opened.error);
  const result = planSigning(
    opened.instance,
    { ...signing, data: { fullName: 'Ada Lovelace' } },
    latestTemplateVersion(oneTime),
  );
  if (!result.ok) throw new Error(result.error);
  return result.instance;
}

describe('autoFill', () => {
  it('fills fields from the worker profile by profile key and skips empty values', () => {
    expect(autoFill(version, ada.profile)).toEqual({
      fullName: 'Ada Lovelace',
      email: 'ada@example.com',
    });
  });
});

describe('planAssign', () => {
  it('creates a required instance of the latest version with a deterministic id', () => {
    expect(assigned()).toEqual({
      id: 'doc:tpl_nda:wrk_ada',
      templateId: 'tpl_nda',
      templateVersion: 1,
      workerId: 'wrk_ada',
      status: 'required',
      data: { fullName: 'Ada Lovelace', email: 'ada@example.com' },
      renewalNumber: 0,
      createdAt: NOW,
      updatedAt: NOW,
    });
  });

  it('refuses a second assignment while one is open', () => {
    const plan = planAssign({ template, worker: ada, instances: [assigned()], now: NOW });
    expect(plan).toEqual({
      ok: false,
      error:
        'Ada Lovelace already has an open (required) "NDA". A worker can hold only one open instance of a document; finish or archive it first.',
    });
  });

  it('refuses to assign a deactivated worker', () => {
    const plan = planAssign({
      template,
      worker: { ...ada, active: false },
      instances: [],
      now: NOW,
    });
    expect(plan).toEqual({
      ok: false,
      error: 'Ada Lovelace is deactivated. Reactivate them before assigning "NDA".',
    });
  });

  it('asks to confirm before re-issuing a signed one-time document', () => {
    const old = signedOneTime();
    expect(assignmentCheck(oneTime, ada, [old])).toEqual({
      kind: 'reissue',
      signed: old,
      message:
        'Ada Lovelace signed "Background check consent" on 2026-02-15 and it never expires. Re-issuing keeps that signed copy unchanged and adds a new copy to sign.',
    });
    expect(planAssign({ template: oneTime, worker: ada, instances: [old], now: NOW })).toEqual({
      ok: false,
      error:
        'Ada Lovelace signed "Background check consent" on 2026-02-15 and it never expires. Re-issuing keeps that signed copy unchanged and adds a new copy to sign. Confirm the re-issue to go ahead.',
      needsConfirmation: 'reissue',
    });
  });

  it('re-issues a confirmed one-time document as the next in its chain and archives nothing', () => {
    const old = signedOneTime();
    const plan = planAssign({
      template: oneTime,
      worker: ada,
      instances: [old],
      now: LATER,
      reissue: true,
    });
    expect(plan).toEqual({
      ok: true,
      create: {
        id: 'doc:tpl_bg:wrk_ada:r1',
        templateId: 'tpl_bg',
        templateVersion: 1,
        workerId: 'wrk_ada',
        status: 'required',
        data: { fullName: 'Ada Lovelace' },
        previousInstanceId: old.id,
        renewalNumber: 1,
        createdAt: LATER,
        updatedAt: LATER,
      },
    });
    // The signed copy is untouched and the pair still holds one open instance.
    expect(plan.ok && openInstanceConflicts([old, plan.create])).toEqual([]);
  });

  it('refuses a second re-issue while the first is still to sign', () => {
    const old = signedOneTime();
    const first = planAssign({
      template: oneTime,
      worker: ada,
      instances: [old],
      now: LATER,
      reissue: true,
    });
    if (!first.ok) throw new Error(first.error);
    const again = planAssign({
      template: oneTime,
      worker: ada,
      instances: [old, first.create],
      now: LATER,
      reissue: true,
    });
    expect(again).toEqual({
      ok: false,
      error:
        'Ada Lovelace already has an open (required) "Background check consent". A worker can hold only one open instance of a document; finish or archive it first.',
    });
  });

  it('refuses to assign again while a signed expiring document is in force', () => {
    const old = signed();
    expect(
      planAssign({ template, worker: ada, instances: [old], now: NOW, reissue: true }),
    ).toEqual({
      ok: false,
      error:
        'Ada Lovelace already has a signed "NDA", valid until 2027-02-15. It is renewed at expiry; to renew sooner, use Renew early on the document.',
    });
  });

  it('continues the chain when re-assigning after the last instance expired', () => {
    const expired: DocumentInstance = {
      ...signed(),
      status: 'expired',
      archivedAt: NOW,
      renewalNumber: 2,
      id: 'doc:tpl_nda:wrk_ada:r2',
    };
    const plan = planAssign({ template, worker: ada, instances: [expired], now: NOW });
    expect(plan.ok && plan.create).toMatchObject({
      id: 'doc:tpl_nda:wrk_ada:r3',
      previousInstanceId: 'doc:tpl_nda:wrk_ada:r2',
      renewalNumber: 3,
    });
  });
});

describe('renewalInstanceId', () => {
  it('numbers renewals from the root id instead of nesting suffixes', () => {
    expect(renewalInstanceId({ id: 'doc:t:w', renewalNumber: 0 })).toBe('doc:t:w:r1');
    expect(renewalInstanceId({ id: 'doc:t:w:r1', renewalNumber: 1 })).toBe('doc:t:w:r2');
  });
});

describe('the open-instance rule', () => {
  it('counts an instance waiting for the worker as open', () => {
    for (const instance of [assigned(), draft(), submitted()])
      expect(isOpen(instance, false)).toBe(true);
  });

  it('counts a signed expiring document as open until a renewal follows it', () => {
    expect(isOpen(signed(), false)).toBe(true);
    expect(isOpen(signed(), true)).toBe(false);
  });

  it('never counts a signed one-time document or an archived one as open', () => {
    expect(isOpen(signedOneTime(), false)).toBe(false);
    expect(isOpen({ ...signed(), status: 'expired', archivedAt: NOW }, false)).toBe(false);
  });

  it('lets a renewal started early be the open one beside the signed document it renews', () => {
    const old = signed();
    const renewal = { ...assigned(), id: 'doc:tpl_nda:wrk_ada:r1', previousInstanceId: old.id };
    expect(openInstanceConflicts([old, renewal])).toEqual([]);
    expect(findOpenInstance([old, renewal], ada.id, template.id)).toBe(renewal);
  });

  it('keeps the renewal open once signed, and the document it renewed closed', () => {
    const old = signed();
    const renewal = {
      ...signed(),
      id: 'doc:tpl_nda:wrk_ada:r1',
      previousInstanceId: old.id,
      renewalNumber: 1,
      expiresOn: '2028-01-20',
    };
    expect(findOpenInstance([old, renewal], ada.id, template.id)).toBe(renewal);
    expect(openInstanceConflicts([old, renewal])).toEqual([]);
  });

  it('reports two signed expiring documents of one pair outside a chain as a conflict', () => {
    const a = signed();
    expect(openInstanceConflicts([a, { ...a, id: 'other' }])).toEqual([
      { workerId: 'wrk_ada', templateId: 'tpl_nda', instanceIds: ['doc:tpl_nda:wrk_ada', 'other'] },
    ]);
  });
});

describe('assertOneOpenInstance', () => {
  it('throws a clear error when a worker holds two open instances of one template', () => {
    const a = assigned();
    expect(() => assertOneOpenInstance([a, { ...a, id: 'other' }])).toThrow(
      'Worker "wrk_ada" has 2 open instances of template "tpl_nda" (doc:tpl_nda:wrk_ada, other); only one is allowed.',
    );
  });

  it('accepts any number of expired instances next to one open instance', () => {
    const a = assigned();
    expect(() =>
      assertOneOpenInstance([
        a,
        { ...a, id: 'x', status: 'expired' },
        { ...a, id: 'y', status: 'expired' },
      ]),
    ).not.toThrow();
  });

  it('accepts signed one-time documents next to a re-issued one', () => {
    const old = signedOneTime();
    const again = { ...old, id: 'doc:tpl_bg:wrk_ada:r1', renewalNumber: 1 };
    const third = {
      ...assigned(),
      templateId: 'tpl_bg',
      id: 'doc:tpl_bg:wrk_ada:r2',
      previousInstanceId: again.id,
    };
    expect(() => assertOneOpenInstance([old, again, third])).not.toThrow();
  });
});

describe('instance lifecycle', () => {
  it('turns a required instance into a draft when first opened', () => {
    expect(draft()).toMatchObject({ status: 'draft', openedAt: NOW });
  });

  it('leaves a draft as it is when opened again', () => {
    const d = draft();
    expect(openInstance(d, '2026-03-01T00:00:00.000Z')).toEqual({ ok: true, instance: d });
  });

  it('refuses to edit a required instance that was never opened', () => {
    const result = saveDraft(assigned(), {}, NOW);
    expect(result).toEqual({
      ok: false,
      error:
        'Document doc:tpl_nda:wrk_ada is required and cannot be edited. Only a draft can be edited; open a required document first.',
    });
  });

  it('keeps whatever the worker typed in a draft, even if incomplete', () => {
    const result = saveDraft(draft(), { email: 'not yet' }, NOW);
    expect(result.ok && result.instance.data).toEqual({ email: 'not yet' });
  });

  it('submits a filled and signed draft', () => {
    const result = submitInstance(draft(), signing, version, '2026-02-15T10:00:00.000Z');
    expect(result.ok && result.instance).toMatchObject({
      status: 'submitted',
      submittedAt: '2026-02-15T10:00:00.000Z',
      signatureName: 'Ada Lovelace',
    });
  });

  it('refuses to sign while a required field is empty or a value has the wrong form', () => {
    const result = planSigning(
      draft(),
      { ...signing, data: { email: 'ada', startDate: '2026-02-30', hours: 'many' } },
      version,
    );
    expect(result).toEqual({
      ok: false,
      error: 'Some fields need attention before signing.',
      fieldErrors: {
        fullName: 'Fill in Full name.',
        email: 'Email must be an email address like name@example.com.',
        startDate: 'Start date must be a real date between 1900 and 2199 (YYYY-MM-DD).',
        hours: 'Weekly hours must be a number.',
      },
    });
  });

  it('refuses to sign without a typed name or a drawn signature', () => {
    expect(planSigning(draft(), { ...signing, signatureName: ' ' }, version)).toEqual({
      ok: false,
      error: 'Type your full name to sign.',
    });
    expect(planSigning(draft(), { ...signing, signatureImage: '' }, version)).toEqual({
      ok: false,
      error: 'Draw your signature before signing.',
    });
  });

  it('refuses to sign a required instance that was never opened', () => {
    const result = planSigning(assigned(), signing, version);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('Open it first.');
  });

  it('signs in the two steps the lifecycle stores: submitted, then completed as submitted', () => {
    const result = planSigning(draft(), signing, version);
    if (!result.ok) throw new Error(result.error);
    expect(result.submitted).toMatchObject({
      status: 'submitted',
      submittedAt: '2026-02-15T10:30:00.000Z',
      signatureName: 'Ada Lovelace',
      data: signing.data,
    });
    expect(result.submitted.signedAt).toBeUndefined();
    expect(result.submitted.contentHash).toBeUndefined();
    expect(checkInstanceUpdate(result.submitted, result.instance)).toBeNull();
  });

  it('completes a submitted instance with what was submitted', () => {
    const result = completeInstance(
      submitted(),
      { signedAt: '2026-02-16T08:00:00.000Z', signedOn: '2026-02-16' },
      version,
    );
    expect(result.ok && result.instance).toMatchObject({
      status: 'completed',
      data: signing.data,
      submittedAt: '2026-02-15T10:00:00.000Z',
      signedAt: '2026-02-16T08:00:00.000Z',
      expiresOn: '2027-02-16',
    });
    expect(result.ok && verifyContent(result.instance, version)).toBe(true);
  });

  it('completes only a submitted instance', () => {
    const when = { signedAt: NOW, signedOn: '2026-02-15' };
    expect(completeInstance(draft(), when, version)).toEqual({
      ok: false,
      error: 'Document doc:tpl_nda:wrk_ada is draft and cannot be completed. Submit it first.',
    });
    expect(completeInstance(signed(), when, version).ok).toBe(false);
  });

  it('refuses to sign a submitted instance again: it is completed instead', () => {
    const result = planSigning(submitted(), signing, version);
    expect(!result.ok && result.error).toBe(
      'Document doc:tpl_nda:wrk_ada is submitted and cannot be signed. It is already submitted; complete it.',
    );
  });

  it('completes a signed instance with signedAt, expiresOn and a content hash', () => {
    const instance = signed();
    expect(instance).toMatchObject({
      status: 'completed',
      signedAt: '2026-02-15T10:30:00.000Z',
      signedOn: '2026-02-15',
      expiresOn: '2027-02-15',
      signatureName: 'Ada Lovelace',
      signatureImage: SIGNATURE,
    });
    expect(instance.contentHash).toBe(sha256Hex(signedContent(instance, version)));
    expect(instance.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes new signatures with the worker, the signing date and the expiry as well as the content', () => {
    const instance = signed();
    expect(instance.hashVersion).toBe(2);
    expect(signedContent(instance, version)).toBe(
      '{"body":"I, {{fullName}}, will keep client information confidential.","data":{"email":"ada@example.com","fullName":"Ada Lovelace"},' +
        `"expiresOn":"2027-02-15","hashVersion":2,"signatureImage":"${SIGNATURE}","signatureName":"Ada Lovelace","signedAt":"2026-02-15T10:30:00.000Z","signedOn":"2026-02-15","templateId":"tpl_nda","version":1,"workerId":"wrk_ada"}`,
    );
  });

  it('detects a signed document moved to another worker, or its signing date or expiry changed', () => {
    const instance = signed();
    expect(verifyContent({ ...instance, workerId: 'wrk_bob' }, version)).toBe(false);
    expect(verifyContent({ ...instance, signedOn: '2026-02-16' }, version)).toBe(false);
    expect(verifyContent({ ...instance, expiresOn: '2030-02-15' }, version)).toBe(false);
    const { expiresOn: _gone, ...withoutExpiry } = instance;
    expect(verifyContent(withoutExpiry, version)).toBe(false);
    // Taking the rule away falls back to version 1, whose content differs: still detected.
    const { hashVersion: _rule, ...withoutRule } = instance;
    expect(verifyContent(withoutRule, version)).toBe(false);
  });

  it('refuses a drawing over the size limit, a typed name over 200 characters and an answer over 2,000', () => {
    const big = `data:image/png;base64,${'A'.repeat(LIMITS.signatureImage)}`;
    const image = planSigning(draft(), { ...signing, signatureImage: big }, version);
    expect(!image.ok && image.error).toMatch(
      /^The drawn signature is too large \(193 KiB; at most 192 KiB\)/,
    );
    const name = planSigning(draft(), { ...signing, signatureName: 'A'.repeat(201) }, version);
    expect(!name.ok && name.error).toBe('Shorten the typed name to 200 characters or fewer.');
    const answer = planSigning(
      draft(),
      { ...signing, data: { ...signing.data, fullName: 'A'.repeat(2001) } },
      version,
    );
    expect(!answer.ok && answer.fieldErrors).toEqual({
      fullName: 'Shorten Full name to 2,000 characters or fewer.',
    });
    const edge = planSigning(
      draft(),
      { ...signing, data: { ...signing.data, fullName: 'A'.repeat(2000) } },
      version,
    );
    expect(edge.ok).toBe(true);
  });

  it('records no expiry for a template that never expires', () => {
    const never = { ...version, renewalModel: { kind: 'none' as const } };
    const result = planSigning(draft(), signing, never);
    expect(result.ok && result.instance.expiresOn).toBeUndefined();
  });

  it('verifies an untouched signed instance', () => {
    expect(verifyContent(signed(), version)).toBe(true);
  });

  it('detects any change to signed data, signature or signing time', () => {
    const instance = signed();
    expect(
      verifyContent({ ...instance, data: { ...instance.data, fullName: 'Ada King' } }, version),
    ).toBe(false);
    expect(
      verifyContent({ ...instance, signatureImage: 'data:image/png;base64,AAAA' }, version),
    ).toBe(false);
    expect(verifyContent({ ...instance, signedAt: '2026-02-16T10:30:00.000Z' }, version)).toBe(
      false,
    );
    expect(verifyContent(instance, { ...version, body: 'Different text' })).toBe(false);
  });

  it('refuses to sign a completed instance again', () => {
    const result = planSigning(signed(), signing, version);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toBe(
      'Document doc:tpl_nda:wrk_ada is completed and cannot be signed. A signed or archived document never changes.',
    );
  });

  it('saves a draft only with answers of at most 2,000 characters', () => {
    expect(saveDraft(draft(), { fullName: 'A'.repeat(2000) }, NOW).ok).toBe(true);
    expect(saveDraft(draft(), { fullName: 'A'.repeat(2001) }, NOW)).toEqual({
      ok: false,
      error: 'Some answers are too long to save.',
      fieldErrors: { fullName: 'Shorten this answer to 2,000 characters or fewer.' },
    });
  });

  it('refuses to edit a completed instance', () => {
    expect(saveDraft(signed(), {}, NOW).ok).toBe(false);
  });

  it('rejects any update to a completed instance other than archiving it', () => {
    const instance = signed();
    expect(checkInstanceUpdate(instance, { ...instance, data: {}, updatedAt: NOW })).toBe(
      'Document doc:tpl_nda:wrk_ada is signed and can never change (attempted: data).',
    );
    expect(
      checkInstanceUpdate(instance, { ...instance, status: 'expired', archivedAt: NOW, data: {} }),
    ).toBe(
      'Document doc:tpl_nda:wrk_ada is signed and can never change (attempted: archivedAt, data, status).',
    );
    expect(
      checkInstanceUpdate(instance, {
        ...instance,
        status: 'expired',
        archivedAt: NOW,
        updatedAt: NOW,
      }),
    ).toBeNull();
  });

  it('rejects any update to an archived instance', () => {
    const archived = archiveInstance(signed(), NOW);
    if (!archived.ok) throw new Error(archived.error);
    expect(
      checkInstanceUpdate(archived.instance, { ...archived.instance, status: 'completed' }),
    ).toBe('Document doc:tpl_nda:wrk_ada is archived and can never change (attempted: status).');
    expect(archiveInstance(archived.instance, NOW).ok).toBe(false);
  });

  it('lets a submitted instance change only by being completed as submitted', () => {
    const s = submitted();
    expect(checkInstanceUpdate(s, { ...s, data: { fullName: 'Ada King' } })).toBe(
      'Document doc:tpl_nda:wrk_ada is submitted and changes only by being completed as submitted (attempted: data).',
    );
    expect(checkInstanceUpdate(s, { ...s, status: 'draft' })).toContain('(attempted: status)');
    expect(checkInstanceUpdate(s, { ...s, updatedAt: LATER })).toBeNull();
  });

  it('lets an open instance change freely', () => {
    const d = draft();
    expect(checkInstanceUpdate(d, { ...d, data: { fullName: 'A' } })).toBeNull();
  });
});

describe('documents signed before NoLapse used @noble/hashes', () => {
  // Hashes written by the hand-written SHA-256 this project shipped until then.
  const storedBeforeTheSwitch: {
    hash: string;
    body: string;
    data: Record<string, string>;
    signatureName: string;
    signatureImage: string;
    signedAt: string;
    templateId: string;
    version: number;
  }[] = [
    {
      hash: '5afbe174a336f9436302869909ed992eefa5b62372024ac7d1c13f14d235cf2b',
      body: 'I, {{fullName}}, will keep client information confidential.',
      data: { email: 'ada@example.com', fullName: 'Ada Lovelace' },
      signatureName: 'Ada Lovelace',
      signatureImage: SIGNATURE,
      signedAt: '2026-02-15T10:30:00.000Z',
      templateId: 'tpl_nda',
      version: 1,
    },
    {
      hash: '298ea7f17fd2b61bbd2771c1be54417af420d41dc2db7049a096bad482b9c993',
      body: 'Ich, {{fullName}}, bestätige 🙂 die Vertraulichkeit.',
      data: { fullName: 'Zoë Ünal', taxId: '12-345' },
      signatureName: 'Zoë Ünal',
      signatureImage: 'data:image/png;base64,AAAA',
      signedAt: '2026-03-01T08:00:00.000Z',
      templateId: 'tpl_w9',
      version: 3,
    },
  ];

  it.each(storedBeforeTheSwitch)('still verify: $templateId', (stored) => {
    const storedVersion = { ...version, version: stored.version, body: stored.body };
    const instance: DocumentInstance = {
      ...assigned(),
      templateId: stored.templateId,
      templateVersion: stored.version,
      status: 'completed',
      data: stored.data,
      signatureName: stored.signatureName,
      signatureImage: stored.signatureImage,
      signedAt: stored.signedAt,
      contentHash: stored.hash,
    };
    expect(verifyContent(instance, storedVersion)).toBe(true);
    expect(verifyContent({ ...instance, signatureName: 'Someone else' }, storedVersion)).toBe(
      false,
    );
  });
});
