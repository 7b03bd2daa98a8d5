// Workers, document templates, their instances and the DOCUMENT queue renewal of each signed
// one, built with the documents domain's own functions (shared/documents) so they are what the
// app would have stored: real autofill, real signing (expiry and content hash), real archive.
// No reminder, expiry or archive of theirs falls on DAY1 or DAY2.
import { computeExpiry, DEFAULT_REMINDER_DAYS_BEFORE } from '../../shared/documents/expiry';
import {
  archiveInstance,
  nextInstanceOf,
  openInstance,
  planSigning,
  submitInstance,
} from '../../shared/documents/lifecycle';
import { latestTemplateVersion, planTemplateCreate } from '../../shared/documents/template';
import { planWorker } from '../../shared/documents/worker-input';
import { defaultAssignee, defaultOfficeSettings } from '../../shared/office';
import { renewalForDocument } from '../../shared/renewals/create';
import type { DocumentInstance } from '../../shared/schema/document-instance';
import type { DocumentTemplate, TemplateVersion } from '../../shared/schema/document-template';
import { NEVER, type Renewal } from '../../shared/schema/renewal';
import type { Worker } from '../../shared/schema/worker';
import { addDays, addMonthsClamped } from '../../shared/time';
import { at, pad, pick, shuffled, type Calendar, type Rnd } from './calendar';

export type DocumentPart = {
  workers: Worker[];
  templates: DocumentTemplate[];
  instances: DocumentInstance[];
  /** The queue renewal of every signed instance that expires. */
  renewals: Renewal[];
};

/** One worker per 250 renewals (400 at 100k), at least two. */
export const workersFor = (size: number) => Math.max(2, Math.round(size / 250));
const DEACTIVATED_SHARE = 0.05;
/** Share of signed documents that are a renewal of an earlier, expired (archived) one. */
const RENEWED_SHARE = 0.3;
/** Share of workers with one more document assigned and not signed yet. */
const UNSIGNED_SHARE = 0.3;
const SIGNATURE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const fields = [
  { key: 'fullName', label: 'Full name', type: 'text', required: true, profileKey: 'fullName' },
  { key: 'address', label: 'Address', type: 'text', required: true, profileKey: 'address' },
  { key: 'taxId', label: 'Tax ID', type: 'text', required: false, profileKey: 'taxId' },
];
const body = (what: string) =>
  `I, {{fullName}}, of {{address}}, confirm that I have read and accept the ${what}.`;
const DRAFTS = [
  {
    id: 'tpl_confidentiality',
    name: 'Confidentiality agreement',
    renewalModel: { kind: 'signature', renewalDurationMonths: 12 },
  },
  {
    id: 'tpl_safety',
    name: 'Health and safety induction',
    renewalModel: { kind: 'signature', renewalDurationMonths: 24 },
    gracePeriodDays: 14,
    blocking: true,
  },
  {
    id: 'tpl_conduct',
    name: 'Code of conduct',
    renewalModel: { kind: 'calendar', renewalMonth: 3, renewalDay: 31 },
  },
  { id: 'tpl_right_to_work', name: 'Right to work declaration', renewalModel: { kind: 'none' } },
] as const;
const FIRST = ['Maria', 'Ahmet', 'Olena', 'John', 'Fatma', 'Piotr', 'Ana', 'Emre', 'Lina'];
const LAST = ['Lopez', 'Aydın', 'Kovalenko', 'Brown', 'Öztürk', 'Nowak', 'Silva', 'Arslan'];

export function generateDocuments(rnd: Rnd, cal: Calendar, size: number): DocumentPart {
  const part: DocumentPart = { workers: [], templates: [], instances: [], renewals: [] };
  const since = addDays(cal.today, -6 * 365);
  const assigneeId = defaultAssignee(defaultOfficeSettings('UTC'));
  for (const { id, ...draft } of DRAFTS) {
    const plan = planTemplateCreate(
      id,
      { ...draft, fields, body: body(draft.name.toLowerCase()) },
      at(since),
    );
    if (!plan.ok) throw new Error(`bench template ${id}: ${JSON.stringify(plan.errors)}`);
    part.templates.push(plan.template);
  }
  // Expiry dates whose reminders, expiry or queue stages would fall on DAY1 or DAY2.
  const quiet = (expiresOn: string) =>
    expiresOn > cal.day2 &&
    !cal.excluded.has(expiresOn) &&
    ![0, ...DEFAULT_REMINDER_DAYS_BEFORE].some((d) => {
      const day = addDays(expiresOn, -d);
      return day === cal.day1 || day === cal.day2;
    });
  const must = <T>(result: { ok: true; instance: T } | { ok: false; error: string }): T => {
    if (!result.ok) throw new Error(`bench document: ${result.error}`);
    return result.instance;
  };
  const sign = (instance: DocumentInstance, version: TemplateVersion, worker: Worker, on: string) =>
    must(
      planSigning(
        must(openInstance(instance, at(addDays(on, -1)))),
        {
          data: instance.data,
          signatureName: worker.fullName,
          signatureImage: SIGNATURE,
          signedAt: at(on, '10:00'),
          signedOn: on,
        },
        version,
      ),
    );
  const queueRenewal = (instance: DocumentInstance, worker: Worker, name: string) =>
    renewalForDocument(
      {
        ownerId: worker.id,
        instanceId: instance.id,
        documentName: `${name} — ${worker.fullName}`,
        expiresOn: instance.expiresOn!,
        assigneeId,
      },
      instance.signedAt!,
    );

  const count = workersFor(size);
  for (let w = 0; w < count; w++) {
    const first = pick(rnd, FIRST);
    const last = pick(rnd, LAST);
    const created = planWorker(
      {
        fullName: `${first} ${last} ${w}`,
        email: `worker${w}@example.com`,
        phone: `+90 555 ${pad(w, 7)}`,
        address: `${1 + (w % 200)} Station Road, Unit ${w}`,
        taxId: rnd() < 0.6 ? `TX${pad(w, 8)}` : '',
      },
      { id: `wrk_${pad(w, 5)}`, now: at(since) },
    );
    if (!created.ok) throw new Error(`bench worker ${w}: ${JSON.stringify(created.errors)}`);
    let worker = created.value;
    // Every template in a random order: the first 1–3 are signed, maybe one more is open.
    const order = shuffled(rnd, part.templates);
    const signedCount = 1 + Math.floor(rnd() * 3);
    for (const [k, template] of order.entries()) {
      const version = latestTemplateVersion(template);
      const model = version.renewalModel;
      if (k < signedCount) {
        // Signed within the model's life (a one-time document: any time in five years), with an
        // expiry clear of DAY1 and DAY2; a few tries, else it stays to be signed.
        const life =
          model.kind === 'signature'
            ? model.renewalDurationMonths * 30 - 3
            : model.kind === 'calendar'
              ? 360
              : 1800;
        let signedOn: string | null = null;
        for (let tries = 0; tries < 8 && signedOn === null; tries++) {
          const on = addDays(cal.today, -1 - Math.floor(rnd() * life));
          const expiry = computeExpiry(model, on);
          if (expiry === null || quiet(expiry)) signedOn = on;
        }
        if (signedOn === null) continue;
        let previous: DocumentInstance | undefined;
        if (model.kind !== 'none' && rnd() < RENEWED_SHARE) {
          // The one before expired and was archived; its renewal was signed days later.
          const lag = 1 + Math.floor(rnd() * 20);
          const before = addDays(signedOn, -lag);
          const earlierOn =
            model.kind === 'signature'
              ? addMonthsClamped(before, -model.renewalDurationMonths)
              : addDays(before, -365);
          const expired = computeExpiry(model, earlierOn);
          if (expired !== null && expired <= signedOn && expired > earlierOn) {
            const signed = sign(
              nextInstanceOf(undefined, template, worker, at(addDays(earlierOn, -3))),
              version,
              worker,
              earlierOn,
            );
            previous = must(archiveInstance(signed, at(expired, '07:00')));
            part.instances.push(previous);
            const renewal = queueRenewal(signed, worker, version.name);
            const next = nextInstanceOf(previous, template, worker, at(expired, '07:00'));
            const done = sign(next, version, worker, signedOn);
            part.renewals.push({
              ...renewal,
              status: 'COMPLETED',
              nextStageOn: NEVER,
              completedAt: done.signedAt!,
              updatedAt: done.signedAt!,
            });
            part.instances.push(done);
            if (done.expiresOn) part.renewals.push(queueRenewal(done, worker, version.name));
            continue;
          }
        }
        const done = sign(
          nextInstanceOf(previous, template, worker, at(addDays(signedOn, -3))),
          version,
          worker,
          signedOn,
        );
        part.instances.push(done);
        if (done.expiresOn) part.renewals.push(queueRenewal(done, worker, version.name));
      } else if (k === signedCount && rnd() < UNSIGNED_SHARE) {
        // Assigned in the last month; opened, or opened and submitted, or not yet.
        const assigned = at(addDays(cal.today, -1 - Math.floor(rnd() * 30)));
        const required = nextInstanceOf(undefined, template, worker, assigned);
        const step = Math.floor(rnd() * 3);
        const opened = step === 0 ? required : must(openInstance(required, assigned));
        part.instances.push(
          step < 2
            ? opened
            : must(
                submitInstance(
                  opened,
                  { data: opened.data, signatureName: worker.fullName, signatureImage: SIGNATURE },
                  version,
                  assigned,
                ),
              ),
        );
      }
    }
    if (rnd() < DEACTIVATED_SHARE) {
      const off = at(addDays(cal.today, -1 - Math.floor(rnd() * 200)));
      worker = { ...worker, active: false, deactivatedAt: off, updatedAt: off };
    }
    part.workers.push(worker);
  }
  return part;
}
