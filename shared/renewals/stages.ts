import { addDays, daysUntilDue, type LocalDate } from '../time/index.js';
import { NEVER, type RenewalStage } from '../schema/renewal.js';

/** Alert thresholds in days before the due date, least urgent first. */
export const THRESHOLDS = [
  { stage: 'T90', days: 90 },
  { stage: 'T60', days: 60 },
  { stage: 'T30', days: 30 },
  { stage: 'T14', days: 14 },
  { stage: 'T7', days: 7 },
] as const satisfies readonly { stage: RenewalStage; days: number }[];

const RANK: Record<RenewalStage, number> = { T90: 1, T60: 2, T30: 3, T14: 4, T7: 5, OVERDUE: 6 };

/** Orders stages by urgency: 0 for none, 6 for OVERDUE. */
export function stageRank(stage: RenewalStage | null): number {
  return stage === null ? 0 : RANK[stage];
}

/** The most urgent stage reached `days` before the due date (null beyond 90 days). */
export function stageForDays(days: number): RenewalStage | null {
  if (days < 0) return 'OVERDUE';
  for (let i = THRESHOLDS.length - 1; i >= 0; i--) {
    const threshold = THRESHOLDS[i]!;
    if (days <= threshold.days) return threshold.stage;
  }
  return null;
}

/** The stage a renewal due on `dueDate` is in on `today`. */
export function stageOn(dueDate: LocalDate, today: LocalDate): RenewalStage | null {
  return stageForDays(daysUntilDue(dueDate, today));
}

/** The first date a renewal in `stage` enters a more urgent one; NEVER once overdue. */
export function nextStageOn(dueDate: LocalDate, stage: RenewalStage | null): LocalDate {
  const rank = stageRank(stage);
  const next = THRESHOLDS.find((t) => stageRank(t.stage) > rank);
  if (next) return addDays(dueDate, -next.days);
  return stage === 'OVERDUE' ? NEVER : addDays(dueDate, 1);
}

const LABELS: Record<RenewalStage, string> = {
  T90: '90 days',
  T60: '60 days',
  T30: '30 days',
  T14: '14 days',
  T7: '7 days',
  OVERDUE: 'Overdue',
};

export function stageLabel(stage: RenewalStage): string {
  return LABELS[stage];
}
