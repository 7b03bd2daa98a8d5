import { z } from 'zod';
import { invalid, parseWith, refused, type Result } from '../result.js';
import type { DocumentInstance } from '../schema/document-instance.js';
import type { DocumentTemplate } from '../schema/document-template.js';
import type { Placement, Worker } from '../schema/worker.js';
import { dateText } from '../input-rules.js';
import { LIMITS, shortenTo } from '../limits.js';
import type { Instant, LocalDate } from '../time/index.js';
import { workerCompliance, type WorkerCompliance } from './sweep.js';

export const placementInputSchema = z.object({
  jobTitle: z
    .string({ error: 'Enter the job title.' })
    .trim()
    .min(1, 'Enter the job title, e.g. "Warehouse associate".')
    .max(LIMITS.name, shortenTo('the job title', LIMITS.name)),
  startDate: dateText(
    'Enter the start date.',
    'Enter the start date as a real date (YYYY-MM-DD), e.g. 2027-03-01.',
  ),
});

export type PlacementInput = z.input<typeof placementInputSchema>;
export type PlacementField = keyof PlacementInput;

/**
 * Why `worker` cannot be placed in a job now, or null when they can: a deactivated worker, or
 * one blocked from job assignment (a blocking document expired past its grace period).
 */
export function placementBlocker(worker: Worker, compliance: WorkerCompliance): string | null {
  if (!worker.active)
    return `${worker.fullName} is deactivated. Reactivate them before placing them in a job.`;
  if (compliance.state !== 'blocked') return null;
  const why = compliance.reasons
    .filter((r) => r.state === 'blocked')
    .map((r) => `${r.document} expired on ${r.expiresOn}`)
    .join('; ');
  return `${worker.fullName} is blocked from job assignment: ${why} and the grace period is over. They can be placed again once they sign the renewal.`;
}

/**
 * What the office is warned about when placing a worker who may still work: documents in
 * grace (and whether the grace period ends before the job starts), or expired documents that
 * do not block. Undefined when every document is valid.
 */
export function placementWarning(
  worker: Worker,
  compliance: WorkerCompliance,
  startDate: LocalDate,
): string | undefined {
  const parts = compliance.reasons.map((r) => {
    if (r.state !== 'grace' || !r.blocking)
      return `${r.document} expired on ${r.expiresOn} (it does not block job assignment).`;
    const base = `${r.document} expired on ${r.expiresOn}: ${worker.fullName} is in its grace period and is blocked from ${r.blockedFrom} unless it is renewed.`;
    return startDate >= r.blockedFrom
      ? `${base} The job starts on ${startDate}, after the grace period ends.`
      : base;
  });
  return parts.length ? parts.join(' ') : undefined;
}

export type PlacementPlan = { worker: Worker; placement: Placement };

/**
 * Records a placement on the worker: refused with the reason while the worker is blocked (or
 * deactivated), accepted with the warning while a document is in grace. Compliance is judged
 * on `today`, with the documents as they stand.
 */
export function planPlacement(input: {
  worker: Worker;
  instances: readonly DocumentInstance[];
  templates: readonly DocumentTemplate[];
  placement: PlacementInput;
  id: string;
  today: LocalDate;
  now: Instant;
}): Result<PlacementPlan, PlacementField> {
  const { worker, today, now } = input;
  const checked = parseWith<z.output<typeof placementInputSchema>, PlacementField>(
    placementInputSchema,
    input.placement,
  );
  if (!checked.ok) return checked;
  const { jobTitle, startDate } = checked.value;
  if (startDate < today)
    return invalid<PlacementField>({
      startDate: `The start date ${startDate} is in the past. Use today (${today}) or a later date.`,
    });
  const compliance = workerCompliance(worker, input.instances, input.templates, today);
  const blocker = placementBlocker(worker, compliance);
  if (blocker) return refused(blocker);
  const warning = placementWarning(worker, compliance, startDate);
  const placement: Placement = {
    id: input.id,
    jobTitle,
    startDate,
    placedAt: now,
    compliance: compliance.state === 'grace' ? 'grace' : 'valid',
    ...(warning ? { warning } : {}),
  };
  return {
    ok: true,
    value: {
      placement,
      worker: { ...worker, placements: [...worker.placements, placement], updatedAt: now },
    },
  };
}
