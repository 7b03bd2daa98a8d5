import { daysUntilDue, type Instant, type LocalDate } from '../time/index.js';
import type { RenewalStage } from '../schema/renewal.js';
import { ids } from './ids.js';
import { serviceTypeLabel } from './service-types.js';
import { nextStageOn, stageLabel, stageOn, stageRank } from './stages.js';
import type { RefreshPlan, Renewal, Task, TimelineEvent } from './types.js';

/** True for renewals the refresh may still move: completed and cancelled ones are never touched. */
export function isOpen(renewal: Renewal): boolean {
  return renewal.status === 'ACTIVE' || renewal.status === 'OVERDUE';
}

/** The midnight instant of `today`, used when a plan needs a time and none is given. */
function startOf(today: LocalDate): Instant {
  return `${today}T00:00:00.000Z`;
}

/**
 * Stages the renewals enter on `today`: a renewal that reaches a more urgent stage gets one
 * RENEWAL_TRIGGERED event for that stage only, T14 a HIGH task, T7 an URGENT task, and below
 * 0 days the OVERDUE status with its compliance flag. A second run on the same day plans nothing.
 */
export function planRefresh(
  renewals: readonly Renewal[],
  today: LocalDate,
  now: Instant = startOf(today),
): RefreshPlan {
  const plan: RefreshPlan = { updates: [], events: [], tasks: [] };
  for (const renewal of renewals) {
    if (!isOpen(renewal)) continue;
    const stage = stageOn(renewal.dueDate, today);
    if (stageRank(stage) <= stageRank(renewal.stage) || stage === null) {
      const expected = nextStageOn(renewal.dueDate, renewal.stage);
      if (expected !== renewal.nextStageOn) {
        plan.updates.push({ ...renewal, nextStageOn: expected, updatedAt: now });
      }
      continue;
    }
    const overdue = stage === 'OVERDUE';
    const update: Renewal = {
      ...renewal,
      stage,
      nextStageOn: nextStageOn(renewal.dueDate, stage),
      status: overdue ? 'OVERDUE' : renewal.status,
      complianceFlag: overdue ? true : renewal.complianceFlag,
      updatedAt: now,
    };
    plan.updates.push(update);
    plan.events.push(stageEvent(update, stage, today, now));
    const task = taskFor(update, renewal.stage, stage, now);
    if (task) plan.tasks.push(task);
  }
  return plan;
}

function stageEvent(
  renewal: Renewal,
  stage: RenewalStage,
  today: LocalDate,
  now: Instant,
): TimelineEvent {
  const days = daysUntilDue(renewal.dueDate, today);
  const service = serviceTypeLabel(renewal.serviceType);
  const title =
    stage === 'OVERDUE'
      ? `${service} overdue since ${renewal.dueDate}`
      : `${service} due in ${days} ${days === 1 ? 'day' : 'days'} (${stageLabel(stage)} alert)`;
  return {
    id: ids.stageEvent(renewal.id, stage, renewal.dueDate),
    type: 'RENEWAL_TRIGGERED',
    customerId: renewal.customerId,
    subjectId: renewal.id,
    stage,
    serviceType: renewal.serviceType,
    title,
    detail: `Due ${renewal.dueDate}`,
    occurredOn: today,
    at: now,
    updatedAt: now,
  };
}

/**
 * T14 opens a HIGH task and T7 an URGENT one. A renewal that skips past T7 (created late, or
 * the office was closed) still gets its URGENT task, because someone must act on it.
 */
function taskFor(
  renewal: Renewal,
  from: RenewalStage | null,
  to: RenewalStage,
  now: Instant,
): Task | null {
  const priority =
    stageRank(to) >= stageRank('T7') && stageRank(from) < stageRank('T7')
      ? 'URGENT'
      : to === 'T14'
        ? 'HIGH'
        : null;
  if (!priority) return null;
  const service = serviceTypeLabel(renewal.serviceType);
  return {
    id: ids.task(renewal.id, priority, renewal.dueDate),
    renewalId: renewal.id,
    customerId: renewal.customerId,
    assigneeId: renewal.assigneeId,
    priority,
    status: 'OPEN',
    title:
      priority === 'URGENT'
        ? `Renew ${service.toLowerCase()} now: due ${renewal.dueDate}`
        : `Start renewing ${service.toLowerCase()}: due ${renewal.dueDate}`,
    dueDate: renewal.dueDate,
    createdAt: now,
    updatedAt: now,
  };
}
