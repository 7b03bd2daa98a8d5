import { createOffice } from '../auth/offices.js';
import type { Database } from '../db/database.js';
import { officeJobs } from '../jobs/office-jobs.js';

/** A drawn signature as the signing pad sends it (a 1×1 PNG). */
export const SIGNATURE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** A template whose name and address come from the worker's profile; the phone is optional. */
export const CONTRACT = {
  name: 'Employment contract',
  fields: [
    { key: 'name', label: 'Full name', type: 'text', required: true, profileKey: 'fullName' },
    { key: 'address', label: 'Home address', type: 'text', required: true, profileKey: 'address' },
    { key: 'phone', label: 'Phone', type: 'text', required: false, profileKey: 'phone' },
  ],
  body: 'I, {{name}}, living at {{address}}, accept the terms of my employment with the agency.',
  renewalModel: { kind: 'signature', renewalDurationMonths: 12 },
};

function valueOf<V>(result: { ok: true; value: V } | { ok: false; errors: unknown }): V {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/**
 * An office (its zone Europe/Istanbul) with a worker and the CONTRACT assigned to them at `at`,
 * made through the same jobs as the app; the instance waits for the worker's signature.
 */
export async function officeWithDocument(
  db: Database,
  options: { name?: string; workerName?: string; address?: string; at?: string } = {},
) {
  const at = options.at ?? '2026-03-01T09:00:00.000Z';
  const name = options.name ?? 'Ikamet Istanbul';
  const { officeId, adminToken } = await createOffice(db, {
    name,
    timeZone: 'Europe/Istanbul',
  });
  const jobs = officeJobs(db, officeId);
  const worker = valueOf(
    await jobs.documents.createWorker(at, {
      fullName: options.workerName ?? 'Maria Lopez',
      email: 'maria@example.com',
      phone: '',
      address: options.address ?? '1 Old Street',
      taxId: '',
    }),
  );
  const template = valueOf(await jobs.documents.createTemplate(at, CONTRACT)).template;
  const [assigned] = valueOf(await jobs.documents.assign(at, template.id, [worker.id]));
  if (!assigned?.instanceId) throw new Error(`not assigned: ${assigned?.message}`);
  return { officeId, adminToken, jobs, worker, template, instanceId: assigned.instanceId };
}
