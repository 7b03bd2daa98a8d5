import { afterEach, describe, expect, it } from 'vitest';
import { verifyContent } from '../../../shared/documents/lifecycle';
import { createDocumentsEngine } from './documents';
import { engineForTest } from './test-support';

type Harness = Awaited<ReturnType<typeof engineForTest>>;
let harness: Harness;
afterEach(async () => harness?.close());

const SIGNATURE = 'data:image/png;base64,iVBORw0KGgo=';
const at = (date: string) => `${date}T09:00:00.000Z`;

const NDA = {
  name: 'NDA',
  fields: [
    { key: 'name', label: 'Full name', type: 'text', required: true, profileKey: 'fullName' },
    { key: 'address', label: 'Address', type: 'text', required: true, profileKey: 'address' },
  ],
  body: 'I, {{name}}, of {{address}}, keep secrets.',
  renewalModel: { kind: 'signature', renewalDurationMonths: 12 },
  reminderDaysBefore: [30, 14, 7, 1],
  gracePeriodDays: 7,
  blocking: true,
};

async function setUp(start = at('2026-02-15')) {
  harness = await engineForTest(start);
  const docs = createDocumentsEngine({ data: harness.data, engine: harness.engine });
  const created = await docs.createWorker({
    fullName: 'Maria Lopez',
    email: 'maria@example.com',
    phone: '',
    address: '1 Old Street',
    taxId: '',
  });
  if (!created.ok) throw new Error('worker not created');
  const template = await docs.createTemplate(NDA);
  if (!template.ok) throw new Error('template not created');
  return { docs, worker: created.worker, template: template.template };
}

/** Runs the shell's daily tick: renewals refresh, then the documents sweep. */
async function tick(docs: ReturnType<typeof createDocumentsEngine>, date: string) {
  harness.setNow(at(date));
  await harness.engine.refresh();
  return docs.sweep();
}

async function signFirst(
  docs: ReturnType<typeof createDocumentsEngine>,
  templateId: string,
  workerId: string,
) {
  const [assigned] = await docs.assign(templateId, [workerId]);
  expect(assigned).toMatchObject({ ok: true });
  const id = assigned!.instanceId!;
  await docs.open(id);
  const instance = (await docs.data.instances.get(id))!;
  const signed = await docs.sign(id, {
    data: instance.data,
    signatureName: 'Maria Lopez',
    signatureImage: SIGNATURE,
  });
  if (!signed.ok) throw new Error(signed.error);
  return signed.instance;
}

describe('the documents engine on RxDB', () => {
  it('signs an NDA: pre-filled, hashed, expiring in 12 months, and in the renewals queue', async () => {
    const { docs, worker, template } = await setUp();
    const signed = await signFirst(docs, template.id, worker.id);
    expect(signed).toMatchObject({
      status: 'completed',
      signedOn: '2026-02-15',
      expiresOn: '2027-02-15',
      data: { name: 'Maria Lopez', address: '1 Old Street' },
    });
    expect(verifyContent(signed, template.versions[0]!)).toBe(true);
    const renewal = await harness.data.renewals.get(`ren:doc:${signed.id}@2027-02-15`);
    expect(renewal).toMatchObject({
      serviceType: 'DOCUMENT',
      customerId: worker.id,
      documentId: signed.id,
      dueDate: '2027-02-15',
    });
  });

  it('refuses a second open instance of the same template, with a reason', async () => {
    const { docs, worker, template } = await setUp();
    expect((await docs.assign(template.id, [worker.id]))[0]!.ok).toBe(true);
    const [again] = await docs.assign(template.id, [worker.id]);
    expect(again!.ok).toBe(false);
    expect(again!.message).toContain('already has an open (required) "NDA"');
    const instances = await docs.data.instances.ofWorkerAndTemplate(worker.id, template.id);
    expect(instances).toHaveLength(1);
  });

  it('converges when two devices assign the same template at once', async () => {
    const { docs, worker, template } = await setUp();
    const second = createDocumentsEngine({ data: harness.data, engine: harness.engine });
    const results = await Promise.all([
      docs.assign(template.id, [worker.id]),
      second.assign(template.id, [worker.id]),
    ]);
    expect(results.flat().filter((r) => r.ok)).toHaveLength(1);
    expect(await docs.data.instances.ofWorkerAndTemplate(worker.id, template.id)).toHaveLength(1);
  });

  it('sends each reminder once, even when the sweep runs twice or on two devices', async () => {
    const { docs, worker, template } = await setUp();
    await signFirst(docs, template.id, worker.id);
    await tick(docs, '2027-01-16'); // 30 days before: worker reminder; admin gets it in the digest
    await docs.sweep();
    await createDocumentsEngine({ data: harness.data, engine: harness.engine }).sweep();
    const titles = () => harness.notified.map((n) => n.title).filter((t) => t.includes('NDA'));
    expect(titles()).toEqual(['Maria Lopez: NDA expires in 30 days']);
    await tick(docs, '2027-02-08');
    await tick(docs, '2027-02-08');
    expect(titles()).toEqual([
      'Maria Lopez: NDA expires in 30 days',
      'Maria Lopez: NDA expires in 7 days',
      "Maria Lopez's NDA expires in 7 days",
    ]);
    expect(harness.notified.at(-1)!.route).toMatch(/^\/documents\/instances\//);
  });

  it('renews at expiry from the latest version with the current profile, and keeps the old one', async () => {
    const { docs, worker, template } = await setUp();
    const signed = await signFirst(docs, template.id, worker.id);
    harness.setNow(at('2026-06-01'));
    const edited = await docs.editTemplate(template.id, {
      ...NDA,
      fields: [
        ...NDA.fields,
        { key: 'taxId', label: 'Tax ID', type: 'text', required: true, profileKey: 'taxId' },
      ],
    });
    expect(edited).toMatchObject({ ok: true, changed: true });
    await docs.updateWorker(worker.id, {
      fullName: 'Maria Lopez',
      email: 'maria@example.com',
      phone: '',
      address: '9 New Road',
      taxId: 'TX-42',
    });
    // Template edits and profile changes never touch the signed instance.
    expect(await docs.data.instances.get(signed.id)).toEqual(signed);

    const summary = await tick(docs, '2027-02-15');
    expect(summary).toMatchObject({ archived: 1, created: 1 });
    const old = await docs.data.instances.get(signed.id);
    expect(old).toMatchObject({ status: 'expired', archivedAt: at('2027-02-15') });
    expect(verifyContent(old!, template.versions[0]!)).toBe(true);
    const renewal = await docs.data.instances.get(`${signed.id}:r1`);
    expect(renewal).toMatchObject({
      status: 'required',
      templateVersion: 2,
      previousInstanceId: signed.id,
      renewalNumber: 1,
      data: { name: 'Maria Lopez', address: '9 New Road', taxId: 'TX-42' },
    });
    expect(harness.notified.map((n) => n.body)).toContain(
      'Your NDA has expired and a new version is ready for review.',
    );
    // Running the same day again changes nothing.
    expect(await tick(docs, '2027-02-15')).toMatchObject({ archived: 0, created: 0, notified: 0 });

    // Signing the renewal completes the previous chain's queue entry.
    await docs.open(renewal!.id);
    const resigned = await docs.sign(renewal!.id, {
      data: renewal!.data,
      signatureName: 'Maria Lopez',
      signatureImage: SIGNATURE,
    });
    expect(resigned).toMatchObject({ ok: true, instance: { expiresOn: '2028-02-15' } });
    expect(await harness.data.renewals.get(`ren:doc:${signed.id}@2027-02-15`)).toMatchObject({
      status: 'COMPLETED',
    });
  });

  it('gives a deactivated worker no renewal instance, and refuses assigning them', async () => {
    const { docs, worker, template } = await setUp();
    const signed = await signFirst(docs, template.id, worker.id);
    await docs.setWorkerActive(worker.id, false);
    await tick(docs, '2027-02-15');
    expect(await docs.data.instances.get(signed.id)).toMatchObject({ status: 'expired' });
    expect(await docs.data.instances.ofWorkerAndTemplate(worker.id, template.id)).toHaveLength(1);
    const [refused] = await docs.assign(template.id, [worker.id]);
    expect(refused!.message).toContain('is deactivated');

    await docs.setWorkerActive(worker.id, true);
    const [again] = await docs.assign(template.id, [worker.id]);
    expect(again).toMatchObject({ ok: true, instanceId: `${signed.id}:r1` });
  });

  it('explains what is missing before signing and keeps the instance a draft', async () => {
    const { docs, worker, template } = await setUp();
    const [assigned] = await docs.assign(template.id, [worker.id]);
    await docs.open(assigned!.instanceId!);
    const result = await docs.sign(assigned!.instanceId!, {
      data: { name: 'Maria Lopez', address: '' },
      signatureName: 'Maria Lopez',
      signatureImage: SIGNATURE,
    });
    expect(result).toMatchObject({ ok: false, fieldErrors: { address: 'Fill in Address.' } });
    expect(await docs.data.instances.get(assigned!.instanceId!)).toMatchObject({
      status: 'draft',
    });
  });

  it('rejects an impossible calendar date and a worker without a name', async () => {
    const { docs } = await setUp();
    const result = await docs.createTemplate({
      name: 'W-9',
      renewalModel: { kind: 'calendar', renewalMonth: 4, renewalDay: 31 },
    });
    expect(result).toMatchObject({
      ok: false,
      errors: [{ message: 'April 31 does not exist. Choose a day from 1 to 30.' }],
    });
    expect(
      await docs.createWorker({ fullName: ' ', email: 'x', phone: '', address: '', taxId: '' }),
    ).toMatchObject({
      ok: false,
      errors: {
        fullName: 'Enter the worker’s full name, e.g. "Maria Lopez".',
        email: 'Enter an email address like name@example.com.',
      },
    });
  });
});
