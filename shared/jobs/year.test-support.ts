import { workerCompliance } from '../documents/sweep.js';
import type { Notice } from '../notice.js';
import { addDays, instantAtLocal, type LocalDate } from '../time/index.js';
import { testJobs } from './jobs.test-support.js';
import type { Jobs } from './runner.js';
import { COLLECTION_NAMES, type StorePort } from './store.js';

const ZONE = 'Europe/Istanbul';
const SIGNATURE = 'data:image/png;base64,iVBORw0KGgo=';
/** Office hours: 10:00 in Istanbul. */
const during = (date: LocalDate) => instantAtLocal(date, ZONE, '10:00');

function valueOf<V>(result: { ok: true; value: V } | { ok: false; errors: unknown }): V {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

export type YearLog = {
  /** The worker's compliance on days the scenario looks at. */
  compliance: Record<string, string>;
  shown: Notice[];
};

/**
 * A seeded office lives through 2026 on `store`: the scheduler ticks every day at 07:00 in
 * Istanbul, and people act on the days a real office would. Every domain takes part: renewals
 * that cross every threshold, a monthly renewal completed into its next one, a residence
 * permit approved, a worker's NDA expiring with grace and blocking and being re-signed, and a
 * policy auto-renewing through create, accept and issue with the renewal-notice plugin and a
 * webhook.
 */
export async function liveThroughTheYear(store: StorePort, webhookUrl: string): Promise<YearLog> {
  const { jobs, shown } = testJobs(store, { timeZone: ZONE });
  const log: YearLog = { compliance: {}, shown };
  const start = during('2026-01-01');
  valueOf(
    await jobs.settings.saveOffice(start, {
      officeName: 'Ikamet & Partners',
      timeZone: ZONE,
      dailyRefreshTime: '07:00',
      staff: [
        { id: 'me', name: 'Ayşe' },
        { id: 'mehmet', name: 'Mehmet' },
      ],
    }),
  );
  valueOf(
    await jobs.policies.savePlan(start, {
      id: 'half-yearly',
      name: 'Half-yearly',
      renewalCreateLeadDays: 60,
      renewalAcceptLeadDays: 30,
      renewalIssueLeadDays: 7,
      generateAutoRenewals: true,
      newTermDurationMonths: 12,
      plugins: ['renewal-notice', { kind: 'webhook', url: webhookUrl, timeoutMs: 5000 }],
    }),
  );
  const acme = valueOf(
    await jobs.renewals.createCustomer(start, { name: 'Acme Ltd', assigneeId: 'mehmet' }),
  );
  valueOf(await jobs.policies.assignPlan(start, acme.id, 'half-yearly'));
  valueOf(
    await jobs.policies.createPolicy(start, acme.id, {
      number: 'P-2026-01',
      productName: 'Fleet',
      startDate: '2026-01-01',
      endDate: '2026-07-01',
      assigneeId: 'mehmet',
    }),
  );
  const ayse = valueOf(
    await jobs.renewals.createCustomer(start, { name: 'Ayşe Demir', assigneeId: 'me' }),
  );
  valueOf(
    await jobs.renewals.createRenewal(start, ayse.id, {
      serviceType: 'WORK_PERMIT',
      dueDate: '2026-05-01',
      assigneeId: 'me',
      notes: 'Crosses every threshold and lapses',
    }),
  );
  const monthly = valueOf(
    await jobs.renewals.createRenewal(start, ayse.id, {
      serviceType: 'VISA_EXTENSION',
      dueDate: '2026-03-31',
      assigneeId: 'me',
      recurrence: 'FREQ=MONTHLY',
    }),
  );
  const permit = valueOf(
    await jobs.renewals.addPermit(start, ayse.id, {
      kind: 'RESIDENCE_PERMIT',
      number: 'RP-77',
      state: 'APPLIED',
      expiresOn: '2026-10-15',
    }),
  );
  const maria = valueOf(
    await jobs.documents.createWorker(start, {
      fullName: 'Maria Lopez',
      email: 'maria@example.com',
      phone: '',
      address: '1 Old Street',
      taxId: '',
    }),
  );
  const { template } = valueOf(
    await jobs.documents.createTemplate(start, {
      name: 'NDA',
      fields: [
        { key: 'name', label: 'Name', type: 'text', required: true, profileKey: 'fullName' },
      ],
      body: 'I, {{name}}, keep secrets.',
      renewalModel: { kind: 'signature', renewalDurationMonths: 3 },
      gracePeriodDays: 7,
      blocking: true,
    }),
  );

  async function signOpen(date: LocalDate) {
    const [open] = await store.find('instances', {
      selector: { workerId: maria.id, status: { $in: ['required', 'draft'] } },
    });
    if (!open) throw new Error(`Nothing for Maria to sign on ${date}`);
    const opened = valueOf(await jobs.documents.open(during(date), open.id));
    valueOf(
      await jobs.documents.sign(during(date), opened.id, {
        data: opened.data,
        signatureName: 'Maria Lopez',
        signatureImage: SIGNATURE,
      }),
    );
  }

  const actions: Record<LocalDate, (date: LocalDate) => Promise<void>> = {
    '2026-01-05': async (date) => {
      valueOf(await jobs.documents.assign(during(date), template.id, [maria.id]));
      await signOpen(date);
    },
    '2026-02-10': async (date) => {
      valueOf(await jobs.renewals.setPermitState(during(date), ayse.id, permit.id, 'APPROVED'));
    },
    '2026-03-25': async (date) => {
      valueOf(await jobs.renewals.completeRenewal(during(date), monthly.id));
    },
    '2026-04-20': signOpen,
    '2026-08-01': signOpen,
  };

  for (let date: LocalDate = '2026-01-01'; date <= '2026-12-31'; date = addDays(date, 1)) {
    await jobs.runDaily({ reason: 'daily', at: instantAtLocal(date, ZONE, '07:00') });
    await actions[date]?.(date);
    if (['2026-04-01', '2026-04-08', '2026-04-15', '2026-04-21'].includes(date))
      log.compliance[date] = await complianceOf(store, maria.id, date);
  }
  return log;
}

async function complianceOf(store: StorePort, workerId: string, today: LocalDate) {
  const instances = await store.find('instances', { selector: { workerId } });
  const templates = await store.find('templates', {});
  return workerCompliance({ id: workerId }, instances, templates, today).state;
}

/** Every record of a store, by collection and id: what two stores must agree on. */
export async function allRecords(store: StorePort) {
  const out: Record<string, unknown[]> = {};
  for (const name of COLLECTION_NAMES) {
    const records = await store.find(name, {});
    out[name] = records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return out;
}

export type { Jobs };
