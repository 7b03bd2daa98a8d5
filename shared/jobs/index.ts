/**
 * The one job runner: the daily run and every operation people perform, written once and
 * run by the desktop, the browser and the server through ports (a store, effects, a lock).
 */
export * from './context.js';
export * from './memory-store.js';
export * from './plan.js';
export * from './ports.js';
export * from './runner.js';
export * from './store.js';
export type { Completed, JobProblem, RefreshSummary } from './renewals.js';
export type {
  AssignOutcome,
  DocumentSweepSummary,
  SigningInput,
  TemplateSaved,
} from './documents.js';
export type { ManualAction, PolicyDailySummary } from './policies.js';
