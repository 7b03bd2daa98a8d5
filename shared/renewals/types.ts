import type { Renewal } from '../schema/renewal.js';
import type { Task } from '../schema/task.js';
import type { TimelineEvent } from '../schema/timeline-event.js';

export type { Renewal, RenewalStage, RenewalStatus } from '../schema/renewal.js';
export type { Task, TaskPriority } from '../schema/task.js';
export type { TimelineEvent } from '../schema/timeline-event.js';

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
