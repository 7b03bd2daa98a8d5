import { describe, expect, it } from 'vitest';
import type { DocumentInstance } from '../schema/document-instance.js';
import type { DocumentTemplate } from '../schema/document-template.js';
import type { Worker } from '../schema/worker.js';
import { planSigning } from './lifecycle.js';
import { planDocumentSweep, workerCompliance, workerReminderText } from './sweep.js';
import { latestTemplateVersion, planTemplateCreate, planTemplateEdit } from './template.js';

const T0 = '2026-01-01T00:00:00.000Z';
const NOW = '2026-03-01T06:00:00.000Z';

function makeTemplate(id: string, draft: Record<string, unknown>): DocumentTemplate {
  const plan = planTemplateCreate(id, draft, T0);
  if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
  return plan.template;
}

const fields = [
  { key: 'fullName', label: 'Full name', type: 'text', required: true, profileKey: 'fullName' },
  { key: 'address', label: 'Address', type: 'text', required: false, profileKey: 'address' },
];
const w9 = makeTemplate('tpl_w9', {
  name: 'W-9',
  fields,
  body: '{{fullName}}',
  renewalModel: { kind: 'calendar', renewalMonth: 3, renewalDay: 1 },
  gracePeriodDays: 7,
  blocking: true,
});
const consent = makeTemplate('tpl_consent', {
  name: 'Background Check Consent',
  fields,
  renewalModel: { kind: 'none' },
});

const ada: Worker = {
  id: 'wrk_ada',
  fullName: 'Ada Lovelace',
  active: true,
  profile: { fullName: 'Ada Lovelace', address: '12 New Street' },
  placements: [],
  createdAt: T0,
  updatedAt: T0,
};

/** A W-9 signed on 2025-06-01, so it expires on 2026-03-01. */
function signedW9(template = w9, signedOn = '2025-06-01'): DocumentInstance {
  const version = latestTemplateVersion(template);
  const draft: DocumentInstance = {
    id: 'doc:tpl_w9:wrk_ada',
    templateId: template.id,
    templateVersion: version.version,
    workerId: ada.id,
    status: 'draft',
    data: {},
    renewalNumber: 0,
    createdAt: T0,
    updatedAt: T0,
  };
  const result = planSigning(
    draft,
    {
      data: { fullName: 'Ada Lovelace', address: '1 Old Road' },
      signatureName: 'Ada Lovelace',
      signatureImage: 'data:image/png;base64,AAAA',
      signedAt: `${signedOn}T10:00:00.000Z`,
      signedOn,
    },
    version,
  );
  if (!result.ok) throw new Error(result.error);
  return result.instance;
}

function sweep(
  today: string,
  instances: DocumentInstance[],
  options: { templates?: DocumentTemplate[]; workers?: Worker[] } = {},
) {
  return planDocumentSweep({
    templates: options.templates ?? [w9, consent],
    instances,
    workers: options.workers ?? [ada],
    today,
    now: NOW,
  });
}

describe('reminders', () => {
  it('sends nothing before the first reminder date', () => {
    expect(sweep('2026-01-29', [signedW9()]).notifications).toEqual([]);
  });

  it('reminds the worker 30 days before expiry with the office wording and puts it in the admin digest', () => {
    const { notifications } = sweep('2026-01-30', [signedW9()]);
    expect(notifications).toEqual([
      expect.objectContaining({
        id: 'doc-reminder:doc:tpl_w9:wrk_ada:D30',
        recipient: 'worker',
        kind: 'reminder',
        daysBefore: 30,
        body: 'Your W-9 expires in 30 days. Please review and renew.',
        route: '/documents/instances/doc%3Atpl_w9%3Awrk_ada',
      }),
      expect.objectContaining({
        id: 'doc-digest:doc:tpl_w9:wrk_ada:D30',
        recipient: 'admin',
        kind: 'digest',
        daysBefore: 30,
      }),
    ]);
  });

  it('reminds 14 days before expiry with "Action required." and keeps admins on the digest', () => {
    const { notifications } = sweep('2026-02-15', [signedW9()]);
    expect(notifications.map((n) => [n.id, n.kind])).toEqual([
      ['doc-reminder:doc:tpl_w9:wrk_ada:D14', 'reminder'],
      ['doc-digest:doc:tpl_w9:wrk_ada:D14', 'digest'],
    ]);
    expect(notifications[0]?.body).toBe('Your W-9 expires in 14 days. Action required.');
  });

  it('reminds 7 days before expiry and notifies admins individually', () => {
    const { notifications } = sweep('2026-02-22', [signedW9()]);
    expect(notifications[0]?.body).toBe(
      'Your W-9 expires in 7 days. Renew now to avoid disruption.',
    );
    expect(notifications[1]).toMatchObject({
      id: 'doc-reminder-admin:doc:tpl_w9:wrk_ada:D7',
      recipient: 'admin',
      kind: 'reminder',
      body: "Ada Lovelace's W-9 expires on 2026-03-01 (in 7 days).",
    });
  });

  it('reminds 1 day before expiry with "expires tomorrow"', () => {
    const { notifications } = sweep('2026-02-28', [signedW9()]);
    expect(notifications[0]).toMatchObject({
      id: 'doc-reminder:doc:tpl_w9:wrk_ada:D1',
      body: 'Your W-9 expires tomorrow. Immediate action required.',
    });
    expect(notifications[1]).toMatchObject({
      id: 'doc-reminder-admin:doc:tpl_w9:wrk_ada:D1',
      kind: 'reminder',
    });
  });

  it('sends the same ids when the sweep runs twice, so the ledger keeps one of each', () => {
    expect(sweep('2026-02-22', [signedW9()]).notifications).toEqual(
      sweep('2026-02-22', [signedW9()]).notifications,
    );
  });

  it('sends only the most urgent missed reminder after days offline', () => {
    const { notifications } = sweep('2026-02-25', [signedW9()]);
    expect(notifications.map((n) => n.id)).toEqual([
      'doc-reminder:doc:tpl_w9:wrk_ada:D7',
      'doc-reminder-admin:doc:tpl_w9:wrk_ada:D7',
    ]);
    expect(notifications[0]?.body).toBe(
      'Your W-9 expires in 4 days. Renew now to avoid disruption.',
    );
  });

  it('does not send a reminder whose date fell before the signing date', () => {
    const signedLate = signedW9(w9, '2026-02-20');
    expect(signedLate.expiresOn).toBe('2026-03-01');
    expect(sweep('2026-02-21', [signedLate]).notifications).toEqual([]);
    expect(sweep('2026-02-22', [signedLate]).notifications[0]?.daysBefore).toBe(7);
  });

  it('uses custom intervals and a sensible text for them', () => {
    const edited = planTemplateEdit(
      w9,
      {
        name: 'W-9',
        fields,
        body: '{{fullName}}',
        renewalModel: { kind: 'calendar', renewalMonth: 3, renewalDay: 1 },
        reminderDaysBefore: [60, 3],
      },
      T0,
    );
    if (!edited.ok) throw new Error('valid edit');
    const { notifications } = sweep('2026-01-01', [signedW9()], { templates: [edited.template] });
    expect(notifications.map((n) => [n.id, n.kind])).toEqual([
      ['doc-reminder:doc:tpl_w9:wrk_ada:D60', 'reminder'],
      ['doc-digest:doc:tpl_w9:wrk_ada:D60', 'digest'],
    ]);
    expect(notifications[0]?.body).toBe('Your W-9 expires in 59 days. Please review and renew.');
    expect(workerReminderText('NDA', 3)).toBe(
      'Your NDA expires in 3 days. Renew now to avoid disruption.',
    );
  });

  it('sends no reminders to a deactivated worker', () => {
    expect(
      sweep('2026-02-22', [signedW9()], { workers: [{ ...ada, active: false }] }).notifications,
    ).toEqual([]);
  });

  it('stops reminding once the renewal instance is completed', () => {
    const old = signedW9();
    const renewal: DocumentInstance = {
      ...signedW9(w9, '2026-02-20'),
      id: 'doc:tpl_w9:wrk_ada:r1',
      previousInstanceId: old.id,
      renewalNumber: 1,
    };
    const { notifications } = sweep('2026-02-22', [old, renewal]);
    expect(notifications.filter((n) => n.instanceId === old.id)).toEqual([]);
  });

  it('never reminds about a document that never expires', () => {
    const signedConsent = { ...signedW9(), templateId: 'tpl_consent', expiresOn: undefined };
    expect(sweep('2026-02-28', [signedConsent])).toEqual({
      updates: [],
      creates: [],
      notifications: [],
      renewalLinks: [],
    });
  });
});

describe('expiry', () => {
  it('archives the old instance on its expiry date and creates a required renewal', () => {
    const old = signedW9();
    const plan = sweep('2026-03-01', [old]);
    expect(plan.updates).toEqual([
      { id: old.id, patch: { status: 'expired', archivedAt: NOW, updatedAt: NOW } },
    ]);
    expect(plan.creates).toEqual([
      {
        id: 'doc:tpl_w9:wrk_ada:r1',
        templateId: 'tpl_w9',
        templateVersion: 1,
        workerId: 'wrk_ada',
        status: 'required',
        data: { fullName: 'Ada Lovelace', address: '12 New Street' },
        previousInstanceId: old.id,
        renewalNumber: 1,
        createdAt: NOW,
        updatedAt: NOW,
      },
    ]);
  });

  it('notifies the worker that a new version is ready for review', () => {
    const plan = sweep('2026-03-01', [signedW9()]);
    expect(plan.notifications).toContainEqual(
      expect.objectContaining({
        id: 'doc-expired:doc:tpl_w9:wrk_ada',
        recipient: 'worker',
        kind: 'expired',
        body: 'Your W-9 has expired and a new version is ready for review.',
        route: '/documents/instances/doc%3Atpl_w9%3Awrk_ada%3Ar1',
      }),
    );
  });

  it('builds the renewal from the latest template version and the current profile', () => {
    const old = signedW9();
    const edited = planTemplateEdit(
      w9,
      {
        name: 'W-9',
        fields: [
          ...fields,
          { key: 'taxId', label: 'Tax ID', type: 'text', required: true, profileKey: 'taxId' },
        ],
        body: '{{fullName}}',
        renewalModel: { kind: 'calendar', renewalMonth: 3, renewalDay: 1 },
        gracePeriodDays: 7,
        blocking: true,
      },
      '2026-02-01T00:00:00.000Z',
    );
    if (!edited.ok) throw new Error('valid edit');
    const plan = sweep('2026-03-01', [old], {
      templates: [edited.template],
      workers: [{ ...ada, profile: { ...ada.profile, taxId: '123-45-6789' } }],
    });
    expect(plan.creates[0]).toMatchObject({
      templateVersion: 2,
      data: { fullName: 'Ada Lovelace', address: '12 New Street', taxId: '123-45-6789' },
    });
  });

  it('archives but creates no renewal for a deactivated worker', () => {
    const plan = sweep('2026-03-01', [signedW9()], { workers: [{ ...ada, active: false }] });
    expect(plan.updates).toHaveLength(1);
    expect(plan.creates).toEqual([]);
    expect(plan.notifications).toEqual([]);
  });

  it('catches up after days offline with one archive and one renewal', () => {
    const plan = sweep('2026-03-20', [signedW9()]);
    expect(plan.updates).toHaveLength(1);
    expect(plan.creates.map((c) => c.id)).toEqual(['doc:tpl_w9:wrk_ada:r1']);
  });

  it('creates no second open instance when one already exists for the worker and template', () => {
    const old = signedW9();
    const reassigned: DocumentInstance = {
      ...old,
      id: 'manual',
      status: 'required',
      expiresOn: undefined,
    };
    const plan = sweep('2026-03-01', [old, reassigned]);
    expect(plan.updates).toHaveLength(1);
    expect(plan.creates).toEqual([]);
  });

  it('creates nothing once the renewal exists, as when another device already ran the sweep', () => {
    const old = { ...signedW9(), status: 'expired' as const, archivedAt: NOW };
    const renewal: DocumentInstance = {
      ...old,
      id: 'doc:tpl_w9:wrk_ada:r1',
      status: 'required',
      previousInstanceId: old.id,
      renewalNumber: 1,
    };
    const plan = sweep('2026-03-02', [old, renewal]);
    expect(plan.updates).toEqual([]);
    expect(plan.creates).toEqual([]);
    expect(plan.notifications).toEqual([]);
  });

  it('never expires a document whose template has no renewal model', () => {
    const signedConsent = { ...signedW9(), templateId: 'tpl_consent', expiresOn: undefined };
    expect(sweep('2099-01-01', [signedConsent]).updates).toEqual([]);
  });
});

describe('renewal links', () => {
  it('links each signed document with an expiry to a DOCUMENT renewal due on that date', () => {
    expect(sweep('2026-01-01', [signedW9()]).renewalLinks).toEqual([
      {
        renewalId: 'ren:doc:doc:tpl_w9:wrk_ada@2026-03-01',
        documentId: 'doc:tpl_w9:wrk_ada',
        workerId: 'wrk_ada',
        templateId: 'tpl_w9',
        title: 'W-9 — Ada Lovelace',
        dueDate: '2026-03-01',
        completedOn: null,
      },
    ]);
  });

  it('marks the link completed on the date the renewal instance was signed', () => {
    const old = { ...signedW9(), status: 'expired' as const, archivedAt: NOW };
    const renewal: DocumentInstance = {
      ...signedW9(w9, '2026-03-04'),
      id: 'doc:tpl_w9:wrk_ada:r1',
      previousInstanceId: old.id,
      renewalNumber: 1,
    };
    const links = sweep('2026-03-04', [old, renewal]).renewalLinks;
    expect(links.find((l) => l.documentId === old.id)?.completedOn).toBe('2026-03-04');
    expect(links.find((l) => l.documentId === renewal.id)).toMatchObject({
      dueDate: '2027-03-01',
      completedOn: null,
    });
  });
});

describe('workerCompliance', () => {
  const old = { ...signedW9(), status: 'expired' as const, archivedAt: NOW };
  const renewal: DocumentInstance = {
    ...old,
    id: 'doc:tpl_w9:wrk_ada:r1',
    status: 'required',
    previousInstanceId: old.id,
    renewalNumber: 1,
    expiresOn: undefined,
  };

  it('is valid before the expiry date', () => {
    expect(workerCompliance(ada, [signedW9()], [w9], '2026-02-28')).toEqual({
      state: 'valid',
      reasons: [],
    });
  });

  it('is in grace from March 1 to March 7 with a banner saying how long is left', () => {
    expect(workerCompliance(ada, [old, renewal], [w9], '2026-03-01')).toEqual({
      state: 'grace',
      reasons: [
        {
          templateId: 'tpl_w9',
          document: 'W-9',
          instanceId: old.id,
          state: 'grace',
          blocking: true,
          expiresOn: '2026-03-01',
          blockedFrom: '2026-03-08',
          message: 'Your W-9 has expired. Renew within 7 days.',
        },
      ],
    });
    expect(workerCompliance(ada, [old, renewal], [w9], '2026-03-07').state).toBe('grace');
  });

  it('blocks the worker from March 8 when the template is blocking', () => {
    const result = workerCompliance(ada, [old, renewal], [w9], '2026-03-08');
    expect(result.state).toBe('blocked');
    expect(result.reasons[0]?.message).toBe(
      'W-9 expired on 2026-03-01 and its grace period is over: blocked from job assignment until it is renewed.',
    );
  });

  it('blocks on the expiry date itself when there is no grace period', () => {
    const noGrace = { ...w9, versions: w9.versions.map((v) => ({ ...v, gracePeriodDays: 0 })) };
    expect(workerCompliance(ada, [old, renewal], [noGrace], '2026-03-01').state).toBe('blocked');
  });

  it('blocks even before the sweep has archived the expired instance', () => {
    expect(workerCompliance(ada, [signedW9()], [w9], '2026-03-08').state).toBe('blocked');
  });

  it('warns but never blocks for a non-blocking template past grace', () => {
    const nonBlocking = { ...w9, versions: w9.versions.map((v) => ({ ...v, blocking: false })) };
    const result = workerCompliance(ada, [old, renewal], [nonBlocking], '2026-03-08');
    expect(result.state).toBe('valid');
    expect(result.reasons[0]?.state).toBe('expired');
  });

  it('lifts the block once the renewal instance is completed', () => {
    const completed = {
      ...signedW9(w9, '2026-03-10'),
      id: renewal.id,
      previousInstanceId: old.id,
      renewalNumber: 1,
    };
    expect(workerCompliance(ada, [old, completed], [w9], '2026-03-10')).toEqual({
      state: 'valid',
      reasons: [],
    });
  });

  it('stays blocked when the last instance expired and nothing was re-assigned', () => {
    expect(workerCompliance(ada, [old], [w9], '2026-04-01').state).toBe('blocked');
  });
});

describe('a renewal started early', () => {
  const old = signedW9();
  const early: DocumentInstance = {
    id: 'doc:tpl_w9:wrk_ada:r1',
    templateId: 'tpl_w9',
    templateVersion: 1,
    workerId: 'wrk_ada',
    status: 'draft',
    data: { fullName: 'Ada Lovelace' },
    previousInstanceId: old.id,
    renewalNumber: 1,
    createdAt: '2026-02-05T09:00:00.000Z',
    updatedAt: '2026-02-05T09:00:00.000Z',
  };

  it('keeps reminding about the old document while the renewal is unsigned, and opens the renewal', () => {
    const { notifications } = sweep('2026-02-22', [old, early]);
    expect(notifications.find((n) => n.recipient === 'worker')).toMatchObject({
      id: 'doc-reminder:doc:tpl_w9:wrk_ada:D7',
      instanceId: old.id,
      route: '/documents/instances/doc%3Atpl_w9%3Awrk_ada%3Ar1',
    });
  });

  it('archives the old document at expiry without a second renewal, and asks to sign the waiting one', () => {
    const plan = sweep('2026-03-01', [old, early]);
    expect(plan.updates.map((u) => u.id)).toEqual([old.id]);
    expect(plan.creates).toEqual([]);
    expect(plan.notifications.find((n) => n.recipient === 'worker')).toMatchObject({
      id: 'doc-expired:doc:tpl_w9:wrk_ada',
      instanceId: early.id,
      body: 'Your W-9 has expired and a new version is ready for review.',
    });
  });

  it('archives the old document quietly at expiry once the renewal is signed', () => {
    // A calendar W-9 signed in February would still end on March 1; the renewal covers next year.
    const signedEarly = {
      ...signedW9(w9, '2026-02-10'),
      id: early.id,
      previousInstanceId: old.id,
      expiresOn: '2027-03-01',
    };
    expect(sweep('2026-02-22', [old, signedEarly]).notifications).toEqual([]);
    const plan = sweep('2026-03-01', [old, signedEarly]);
    expect(plan.updates.map((u) => u.id)).toEqual([old.id]);
    expect(plan.creates).toEqual([]);
    expect(plan.notifications).toEqual([]);
  });
});

describe('reminders after expiry', () => {
  const old = { ...signedW9(), status: 'expired' as const, archivedAt: NOW };
  const renewal: DocumentInstance = {
    id: 'doc:tpl_w9:wrk_ada:r1',
    templateId: 'tpl_w9',
    templateVersion: 1,
    workerId: 'wrk_ada',
    status: 'required',
    data: {},
    previousInstanceId: old.id,
    renewalNumber: 1,
    createdAt: NOW,
    updatedAt: NOW,
  };
  const overdueOf = (plan: ReturnType<typeof sweep>) =>
    plan.notifications.filter((n) => n.kind === 'overdue');

  it('sends nothing more on the expiry day, which has its own notice', () => {
    expect(overdueOf(sweep('2026-03-01', [old, renewal]))).toEqual([]);
    expect(overdueOf(sweep('2026-03-07', [old, renewal]))).toEqual([]);
  });

  it('reminds the worker 7 days after expiry, saying they are blocked', () => {
    expect(overdueOf(sweep('2026-03-08', [old, renewal]))).toEqual([
      {
        id: 'doc-overdue:doc:tpl_w9:wrk_ada:r1:2026-03-08',
        audience: { kind: 'worker', workerId: 'wrk_ada' },
        recipient: 'worker',
        kind: 'overdue',
        workerId: 'wrk_ada',
        instanceId: renewal.id,
        templateId: 'tpl_w9',
        title: 'W-9 expired 7 days ago',
        body: 'Your W-9 expired on 2026-03-01 and the renewal is not signed yet. You cannot be assigned jobs until you sign it.',
        route: '/documents/instances/doc%3Atpl_w9%3Awrk_ada%3Ar1',
      },
    ]);
  });

  it('keeps the same reminder id until the next one is due, then reminds every 7 days', () => {
    const ids = ['2026-03-10', '2026-03-14', '2026-03-15', '2026-04-12'].map(
      (today) => overdueOf(sweep(today, [old, renewal]))[0]?.id,
    );
    expect(ids).toEqual([
      'doc-overdue:doc:tpl_w9:wrk_ada:r1:2026-03-08',
      'doc-overdue:doc:tpl_w9:wrk_ada:r1:2026-03-08',
      'doc-overdue:doc:tpl_w9:wrk_ada:r1:2026-03-15',
      'doc-overdue:doc:tpl_w9:wrk_ada:r1:2026-04-12',
    ]);
  });

  it('follows the template’s own interval and tells a worker in grace the last day to sign', () => {
    const everyThree = makeTemplate('tpl_w9', {
      name: 'W-9',
      fields,
      renewalModel: { kind: 'calendar', renewalMonth: 3, renewalDay: 1 },
      gracePeriodDays: 14,
      blocking: true,
      overdueReminderEveryDays: 3,
    });
    const [reminder] = overdueOf(sweep('2026-03-05', [old, renewal], { templates: [everyThree] }));
    expect(reminder).toMatchObject({
      id: 'doc-overdue:doc:tpl_w9:wrk_ada:r1:2026-03-04',
      body: 'Your W-9 expired on 2026-03-01 and the renewal is not signed yet. Sign it by 2026-03-14 to stay available for jobs.',
    });
  });

  it('stops once the renewal is signed, and never reminds a deactivated worker', () => {
    const signedRenewal = {
      ...signedW9(w9, '2026-03-09'),
      id: renewal.id,
      previousInstanceId: old.id,
    };
    expect(overdueOf(sweep('2026-03-15', [old, signedRenewal]))).toEqual([]);
    expect(
      overdueOf(sweep('2026-03-15', [old, renewal], { workers: [{ ...ada, active: false }] })),
    ).toEqual([]);
  });
});
