import { afterEach, describe, expect, it } from 'vitest';
import { verifyContent } from '../documents/lifecycle.js';
import { workerCompliance } from '../documents/sweep.js';
import type { DocumentInstance } from '../schema/document-instance.js';
import { testJobs, tickAt, type StoreFactory } from './jobs.test-support.js';
import { RefusedWrite, type StorePort } from './store.js';

const SIGNATURE = 'data:image/png;base64,iVBORw0KGgo=';
const at = (date: string, time = '09:00') => `${date}T${time}:00.000Z`;

const NDA = {
  name: 'NDA',
  fields: [
    { key: 'name', label: 'Full name', type: 'text', required: true, profileKey: 'fullName' },
    { key: 'address', label: 'Address', type: 'text', required: true, profileKey: 'address' },
  ],
  body: 'I, {{name}}, of {{address}}, keep secrets.',
  renewalModel: { kind: 'signature', renewalDurationMonths: 12 },
  gracePeriodDays: 7,
  blocking: true,
};

const CONSENT = {
  name: 'Background check consent',
  fields: [
    { key: 'name', label: 'Full name', type: 'text', required: true, profileKey: 'fullName' },
  ],
  body: 'I, {{name}}, consent to a background check.',
  renewalModel: { kind: 'none' },
};

function valueOf<V>(result: { ok: true; value: V } | { ok: false; errors: unknown }): V {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** The store as it is, with every update of a document recorded in order. */
function recordingUpdates(inner: StorePort) {
  const statuses: string[] = [];
  const store: StorePort = {
    ...inner,
    update: (collection, changes) => {
      if (collection === 'instances')
        for (const change of changes) statuses.push((change.after as DocumentInstance).status);
      return inner.update(collection, changes);
    },
  };
  return { store, statuses };
}

/**
 * The document operations of the issue "re-issue, renew early, remind after expiry, stored
 * lifecycle, placements", on the store `stores` opens: the in-memory reference and RxDB on
 * Dexie run this same suite.
 */
export function defineDocumentSuite(label: string, stores: StoreFactory) {
  let opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(opened.map((o) => o.close()));
    opened = [];
  });

  async function office(wrap: (store: StorePort) => StorePort = (s) => s) {
    const open = await stores();
    opened.push(open);
    const h = testJobs(wrap(open.store));
    const now = at('2026-02-15');
    const worker = valueOf(
      await h.jobs.documents.createWorker(now, {
        fullName: 'Maria Lopez',
        email: 'maria@example.com',
        phone: '',
        address: '1 Old Street',
        taxId: '',
      }),
    );
    const nda = valueOf(await h.jobs.documents.createTemplate(now, NDA)).template;
    const consent = valueOf(await h.jobs.documents.createTemplate(now, CONSENT)).template;
    async function sign(when: string, instanceId: string) {
      const openedDoc = valueOf(await h.jobs.documents.open(when, instanceId));
      return valueOf(
        await h.jobs.documents.sign(when, instanceId, {
          data: openedDoc.data,
          signatureName: 'Maria Lopez',
          signatureImage: SIGNATURE,
        }),
      );
    }
    async function assignAndSign(templateId: string, when = now) {
      const [assigned] = valueOf(await h.jobs.documents.assign(when, templateId, [worker.id]));
      return sign(when, assigned!.instanceId!);
    }
    const instancesOf = (templateId: string) =>
      h.ports.store.find('instances', { selector: { workerId: worker.id, templateId } });
    const titles = () => h.shown.map((n) => n.title);
    return {
      ...h,
      store: open.store,
      worker,
      nda,
      consent,
      sign,
      assignAndSign,
      instancesOf,
      titles,
    };
  }

  describe(`document issue jobs on ${label}`, () => {
    it('re-issues a signed one-time document only after confirmation, archiving nothing', async () => {
      const h = await office();
      const first = await h.assignAndSign(h.consent.id);
      expect(first.expiresOn).toBeUndefined();

      const later = at('2026-06-01');
      const [unconfirmed] = valueOf(
        await h.jobs.documents.assign(later, h.consent.id, [h.worker.id]),
      );
      expect(unconfirmed).toMatchObject({ ok: false, needsConfirmation: 'reissue' });
      expect(unconfirmed!.message).toContain('signed "Background check consent" on 2026-02-15');
      expect(await h.instancesOf(h.consent.id)).toHaveLength(1);

      const [reissued] = valueOf(
        await h.jobs.documents.assign(later, h.consent.id, [h.worker.id], { reissue: true }),
      );
      expect(reissued).toMatchObject({
        ok: true,
        instanceId: `${first.id}:r1`,
        message:
          '"Background check consent" re-issued to Maria Lopez; the signed copy stays on file.',
      });
      expect(await h.store.get('instances', first.id)).toEqual(first);
      expect(await h.store.get('instances', `${first.id}:r1`)).toMatchObject({
        status: 'required',
        previousInstanceId: first.id,
        renewalNumber: 1,
      });
      // The re-issued copy is signed like any other; both signed copies stay, neither expires.
      const second = await h.sign(later, `${first.id}:r1`);
      expect(second).toMatchObject({ status: 'completed', renewalNumber: 1 });
      expect((await h.instancesOf(h.consent.id)).map((i) => i.status)).toEqual([
        'completed',
        'completed',
      ]);
      await h.jobs.runDaily(tickAt('2030-01-01'));
      expect((await h.instancesOf(h.consent.id)).map((i) => i.status)).toEqual([
        'completed',
        'completed',
      ]);
    });

    it('renews early from the 30-day reminder; once signed, reminders stop and expiry archives quietly', async () => {
      const h = await office();
      const signed = await h.assignAndSign(h.nda.id);
      expect(signed.expiresOn).toBe('2027-02-15');

      expect(await h.jobs.documents.renewEarly(at('2027-01-15'), signed.id)).toEqual({
        ok: false,
        errors: { form: 'Renewal opens on 2027-01-16, 30 days before it expires on 2027-02-15.' },
      });
      await h.jobs.runDaily(tickAt('2027-01-16'));
      expect(h.titles()).toContain('Maria Lopez: NDA expires in 30 days');
      valueOf(
        await h.jobs.documents.updateWorker(at('2027-01-16'), h.worker.id, {
          fullName: 'Maria Lopez',
          email: 'maria@example.com',
          phone: '',
          address: '9 New Road',
          taxId: '',
        }),
      );

      const renewal = valueOf(
        await h.jobs.documents.renewEarly(at('2027-01-16', '10:00'), signed.id),
      );
      expect(renewal).toMatchObject({
        id: `${signed.id}:r1`,
        status: 'required',
        previousInstanceId: signed.id,
        renewalNumber: 1,
        data: { name: 'Maria Lopez', address: '9 New Road' },
      });
      expect(await h.jobs.documents.renewEarly(at('2027-01-16', '10:05'), signed.id)).toEqual({
        ok: false,
        errors: { form: 'The renewal is already started; open it to review and sign.' },
      });

      // Not signed yet: the 14-day reminder still comes, and opens the renewal.
      await h.jobs.runDaily(tickAt('2027-02-01'));
      expect(h.shown.find((n) => n.title === 'Maria Lopez: NDA expires in 14 days')).toMatchObject({
        route: `/documents/instances/${encodeURIComponent(renewal.id)}`,
      });

      const renewed = await h.sign(at('2027-02-02'), renewal.id);
      expect(renewed).toMatchObject({ status: 'completed', expiresOn: '2028-02-02' });
      expect(await h.store.get('renewals', `ren:doc:${signed.id}@2027-02-15`)).toMatchObject({
        status: 'COMPLETED',
      });

      const shownBefore = h.shown.length;
      await h.jobs.runDaily(tickAt('2027-02-08'));
      await h.jobs.runDaily(tickAt('2027-02-14'));
      const atExpiry = await h.jobs.runDaily(tickAt('2027-02-15'));
      // Only the weekly digest of what was said before the signing (the 14-day item) remains.
      expect(h.shown.slice(shownBefore).filter((n) => !n.id.startsWith('digest:'))).toEqual([]);
      expect(atExpiry.documents).toMatchObject({ archived: 1, created: 0 });
      const chain = await h.instancesOf(h.nda.id);
      expect(chain.map((i) => [i.id, i.status])).toEqual([
        [signed.id, 'expired'],
        [renewal.id, 'completed'],
      ]);
      const [templates, open] = [await h.store.find('templates', {}), chain];
      expect(workerCompliance(h.worker, open, templates, '2027-02-23').state).toBe('valid');
      // Nothing in the queue is left open for the renewed document.
      const tasks = await h.store.find('tasks', { selector: { status: 'OPEN' } });
      expect(tasks.filter((t) => t.renewalId.includes(signed.id + '@'))).toEqual([]);
    });

    it('converges when two devices renew early at once', async () => {
      const h = await office();
      const signed = await h.assignAndSign(h.nda.id);
      const other = testJobs(h.store, { idPrefix: 'b' });
      const results = await Promise.all([
        h.jobs.documents.renewEarly(at('2027-01-20'), signed.id),
        other.jobs.documents.renewEarly(at('2027-01-20', '09:01'), signed.id),
      ]);
      const ids = results.map((r) => valueOf(r).id);
      expect(ids).toEqual([`${signed.id}:r1`, `${signed.id}:r1`]);
      expect(await h.instancesOf(h.nda.id)).toHaveLength(2);
    });

    it('reminds after expiry on the expiry day and every 7 days, once each, until signed', async () => {
      const h = await office();
      const signed = await h.assignAndSign(h.nda.id);
      await h.jobs.runDaily(tickAt('2027-02-15'));
      expect(h.shown.map((n) => n.body)).toContain(
        'Your NDA has expired and a new version is ready for review.',
      );
      const renewalId = `${signed.id}:r1`;
      const afterExpiry = () => h.titles().filter((t) => t.includes('ago'));
      await h.jobs.runDaily(tickAt('2027-02-21'));
      expect(afterExpiry()).toEqual([]);
      await h.jobs.runDaily(tickAt('2027-02-22'));
      await h.jobs.runDaily(tickAt('2027-02-22', '15:00'));
      await h.jobs.runDaily(tickAt('2027-02-25'));
      expect(afterExpiry()).toEqual(['Maria Lopez: NDA expired 7 days ago']);
      expect(h.shown.find((n) => n.title.endsWith('7 days ago'))).toMatchObject({
        body: 'Your NDA expired on 2027-02-15 and the renewal is not signed yet. You cannot be assigned jobs until you sign it.',
        route: `/documents/instances/${encodeURIComponent(renewalId)}`,
      });
      await h.jobs.runDaily(tickAt('2027-03-01'));
      expect(afterExpiry()).toEqual([
        'Maria Lopez: NDA expired 7 days ago',
        'Maria Lopez: NDA expired 14 days ago',
      ]);
      await h.sign(at('2027-03-02'), renewalId);
      await h.jobs.runDaily(tickAt('2027-03-08'));
      expect(afterExpiry()).toHaveLength(2);
    });

    it('stores signing as submitted, then completed, and records what the completion adds', async () => {
      const recording = { statuses: [] as string[] };
      const h = await office((inner) => {
        const wrapped = recordingUpdates(inner);
        recording.statuses = wrapped.statuses;
        return wrapped.store;
      });
      const signed = await h.assignAndSign(h.nda.id);
      expect(recording.statuses).toEqual(['draft', 'submitted', 'completed']);
      expect(signed).toMatchObject({
        status: 'completed',
        submittedAt: at('2026-02-15'),
        signedAt: at('2026-02-15'),
        signedOn: '2026-02-15',
        expiresOn: '2027-02-15',
      });
      expect(await h.store.get('instances', signed.id)).toEqual(signed);
      expect(verifyContent(signed, h.nda.versions[0]!)).toBe(true);
    });

    it('completes a document left submitted, with what was submitted', async () => {
      const h = await office();
      const [assigned] = valueOf(
        await h.jobs.documents.assign(at('2026-02-15'), h.nda.id, [h.worker.id]),
      );
      const draft = valueOf(await h.jobs.documents.open(at('2026-02-15'), assigned!.instanceId!));
      const submitted: DocumentInstance = {
        ...draft,
        status: 'submitted',
        data: { name: 'Maria Lopez', address: '1 Old Street' },
        signatureName: 'Maria Lopez',
        signatureImage: SIGNATURE,
        submittedAt: at('2026-02-15', '10:00'),
        updatedAt: at('2026-02-15', '10:00'),
      };
      expect(
        (await h.store.update('instances', [{ before: draft, after: submitted }])).conflicts,
      ).toEqual([]);
      const completed = valueOf(await h.jobs.documents.complete(at('2026-02-16'), draft.id));
      expect(completed).toMatchObject({
        status: 'completed',
        data: submitted.data,
        submittedAt: at('2026-02-15', '10:00'),
        signedOn: '2026-02-16',
        expiresOn: '2027-02-16',
      });
      expect(await h.store.get('renewals', `ren:doc:${draft.id}@2027-02-16`)).not.toBeNull();
    });

    it('refuses a direct write that changes a signed document, and lets the expiry archive it', async () => {
      const h = await office();
      const signed = await h.assignAndSign(h.nda.id);
      const tampered = { ...signed, data: { ...signed.data, address: '5 Other Street' } };
      const attempt = h.store.update('instances', [{ before: signed, after: tampered }]);
      await expect(attempt).rejects.toBeInstanceOf(RefusedWrite);
      await expect(
        h.store.update('instances', [{ before: signed, after: tampered }]),
      ).rejects.toThrow(
        `NoLapse refused to save this change: Document ${signed.id} is signed and can never change (attempted: data).`,
      );
      expect(await h.store.get('instances', signed.id)).toEqual(signed);
      // A bulk holding one refused change writes none of it.
      const [other] = valueOf(
        await h.jobs.documents.assign(at('2026-02-15'), h.consent.id, [h.worker.id]),
      );
      const draft = valueOf(await h.jobs.documents.open(at('2026-02-15'), other!.instanceId!));
      await expect(
        h.store.update('instances', [
          { before: draft, after: { ...draft, data: { name: 'Changed' } } },
          { before: signed, after: tampered },
        ]),
      ).rejects.toBeInstanceOf(RefusedWrite);
      expect(await h.store.get('instances', draft.id)).toEqual(draft);

      const summary = await h.jobs.runDaily(tickAt('2027-02-15'));
      expect(summary.documents).toMatchObject({ archived: 1, created: 1 });
      const archived = (await h.store.get('instances', signed.id))!;
      expect(archived).toMatchObject({ status: 'expired', archivedAt: at('2027-02-15') });
      await expect(
        h.store.update('instances', [
          { before: archived, after: { ...archived, status: 'completed' } },
        ]),
      ).rejects.toThrow('is archived and can never change (attempted: status)');
    });

    it('places a worker in grace with the warning, and refuses a blocked one with the reason', async () => {
      const h = await office();
      await h.assignAndSign(h.nda.id);
      const valid = valueOf(
        await h.jobs.documents.place(at('2026-03-01'), h.worker.id, {
          jobTitle: 'Picker',
          startDate: '2026-03-02',
        }),
      );
      expect(valid.placement).toMatchObject({ compliance: 'valid' });
      expect(valid.placement.warning).toBeUndefined();

      await h.jobs.runDaily(tickAt('2027-02-15'));
      const grace = valueOf(
        await h.jobs.documents.place(at('2027-02-16'), h.worker.id, {
          jobTitle: 'Forklift driver',
          startDate: '2027-02-17',
        }),
      );
      expect(grace.placement).toMatchObject({
        jobTitle: 'Forklift driver',
        compliance: 'grace',
        warning:
          'NDA expired on 2027-02-15: Maria Lopez is in its grace period and is blocked from 2027-02-22 unless it is renewed.',
      });

      await h.jobs.runDaily(tickAt('2027-02-22'));
      expect(
        await h.jobs.documents.place(at('2027-02-22'), h.worker.id, {
          jobTitle: 'Night shift',
          startDate: '2027-02-23',
        }),
      ).toEqual({
        ok: false,
        errors: {
          form: 'Maria Lopez is blocked from job assignment: NDA expired on 2027-02-15 and the grace period is over. They can be placed again once they sign the renewal.',
        },
      });
      const stored = await h.store.get('workers', h.worker.id);
      expect(stored!.placements.map((p) => [p.jobTitle, p.compliance])).toEqual([
        ['Picker', 'valid'],
        ['Forklift driver', 'grace'],
      ]);
    });
  });
}
