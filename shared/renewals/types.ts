import type { Renewal } from '../schema/renewal';
import type { Task } from '../schema/task';
import type { TimelineEvent } from '../schema/timeline-event';

export type { Renewal, RenewalStage, RenewalStatus } from '../schema/renewal';
export type { Task, TaskPriority } from '../schema/task';
export type { TimelineEvent } from '../schema/timeline-event';

/** What a refresh changes: only renewals whose persisted state moved, plus what that caused. */
export type RefreshPlan = {
  updates: Renewal[];
  events: TimelineEvent[];
  tasks: Task[];
};

export type CompletionPlan = {
  update: Renewal;
  event: TimelineEvent;
  next?: Renewal;
};
