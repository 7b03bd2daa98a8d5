import { z } from 'zod';
import { LIMITS, shortenTo } from '../limits.js';
import { parseWith, type Result } from '../result.js';
import type { Worker } from '../schema/worker.js';
import type { Instant } from '../time/index.js';

/** Profile keys every worker has; templates map fields to these (and to any custom key). */
export const PROFILE_KEYS = ['fullName', 'email', 'phone', 'address', 'taxId'] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const workerInputSchema = z.object({
  fullName: z
    .string()
    .trim()
    .min(1, 'Enter the worker’s full name, e.g. "Maria Lopez".')
    .max(LIMITS.name, shortenTo('the name', LIMITS.name)),
  email: z
    .string()
    .trim()
    .max(LIMITS.email, shortenTo('the email', LIMITS.email))
    .refine((v) => v === '' || EMAIL.test(v), 'Enter an email address like name@example.com.'),
  phone: z.string().trim().max(LIMITS.phone, shortenTo('the phone number', LIMITS.phone)),
  address: z.string().trim().max(LIMITS.address, shortenTo('the address', LIMITS.address)),
  taxId: z.string().trim().max(LIMITS.taxId, shortenTo('the tax ID', LIMITS.taxId)),
});

export type WorkerInput = z.input<typeof workerInputSchema>;
export type WorkerField = keyof WorkerInput;
type CheckedWorker = z.output<typeof workerInputSchema>;

/** The profile that auto-fills documents; profile keys a template added by hand are kept. */
function profileOf(value: CheckedWorker, previous: Record<string, string> = {}) {
  const profile: Record<string, string> = { ...previous };
  for (const key of PROFILE_KEYS) {
    if (value[key]) profile[key] = value[key];
    else delete profile[key];
  }
  return profile;
}

/** A new active worker from what an admin typed. */
export function planWorker(
  input: WorkerInput,
  context: { id: string; now: Instant },
): Result<Worker, WorkerField> {
  const checked = parseWith<CheckedWorker, WorkerField>(workerInputSchema, input);
  if (!checked.ok) return checked;
  const { value } = checked;
  return {
    ok: true,
    value: {
      id: context.id,
      fullName: value.fullName,
      active: true,
      profile: profileOf(value),
      placements: [],
      createdAt: context.now,
      updatedAt: context.now,
      ...(value.email ? { email: value.email } : {}),
    },
  };
}

/** An edited worker: profile edits reach the next instances only; signed ones keep theirs. */
export function planWorkerEdit(
  current: Worker,
  input: WorkerInput,
  now: Instant,
): Result<Worker, WorkerField> {
  const checked = parseWith<CheckedWorker, WorkerField>(workerInputSchema, input);
  if (!checked.ok) return checked;
  const { value } = checked;
  const { email: _email, ...rest } = current;
  return {
    ok: true,
    value: {
      ...rest,
      fullName: value.fullName,
      profile: profileOf(value, current.profile),
      updatedAt: now,
      ...(value.email ? { email: value.email } : {}),
    },
  };
}

/** Deactivated workers get no renewal instances and cannot be assigned; nothing is deleted. */
export function planWorkerActive(current: Worker, active: boolean, now: Instant): Worker {
  const { deactivatedAt: _d, ...rest } = current;
  return active
    ? { ...rest, active: true, updatedAt: now }
    : { ...rest, active: false, deactivatedAt: now, updatedAt: now };
}
