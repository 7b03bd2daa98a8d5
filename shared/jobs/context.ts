import { defaultOfficeSettings, OFFICE_CONFIG_ID, type OfficeSettings } from '../office.js';
import { PLANS_CONFIG_ID, type PlansConfig } from '../policies/plan.js';
import type { AutoRenewalPlan } from '../policies/model.js';
import { localDateIn, type Instant, type LocalDate } from '../time/index.js';
import type { JobPorts } from './ports.js';

/** What every job step knows: its ports, its instant, and the office's settings and date then. */
export type JobContext = {
  ports: JobPorts;
  at: Instant;
  office: OfficeSettings;
  /** The office's calendar date at `at`. */
  today: LocalDate;
};

/** The office settings, or a fresh office's defaults until someone saves them. */
export async function readOffice(ports: JobPorts): Promise<OfficeSettings> {
  const record = await ports.store.get('config', OFFICE_CONFIG_ID);
  return (
    (record?.value as OfficeSettings | undefined) ?? defaultOfficeSettings(ports.defaultTimeZone)
  );
}

export async function contextAt(ports: JobPorts, at: Instant): Promise<JobContext> {
  const office = await readOffice(ports);
  return { ports, at, office, today: localDateIn(at, office.timeZone) };
}

/** The office's auto-renewal plans. */
export async function readPlans(ports: JobPorts): Promise<AutoRenewalPlan[]> {
  const record = await ports.store.get('config', PLANS_CONFIG_ID);
  return (record?.value as PlansConfig | undefined)?.plans ?? [];
}

/** The plan assigned to a customer, if any. */
export async function planOfCustomer(
  ports: JobPorts,
  customerId: string,
): Promise<AutoRenewalPlan | null> {
  const customer = await ports.store.get('customers', customerId);
  if (!customer?.planId) return null;
  return (await readPlans(ports)).find((p) => p.id === customer.planId) ?? null;
}

/** The message for a record that vanished between the screen showing it and the click. */
export function goneMessage(what: string, id: string): string {
  return `The ${what} ${id} no longer exists; it may have been removed on another device.`;
}

/** The message for an operation whose record changed between reading and writing. */
export function changedMessage(what: string, detail: string): string {
  return `This ${what} changed on another device (${detail}). Look at it again and retry; what you typed is still in the form.`;
}
