import { canonicalJson } from '../documents/canonical-json.js';
import type { StaffMember } from '../office.js';
import { invalid, ok, refused, type Result } from '../result.js';
import { LIMITS } from '../limits.js';
import {
  addDays,
  isLocalDate,
  yearRangeProblem,
  type Instant,
  type LocalDate,
} from '../time/index.js';
import { isOpen } from './refresh.js';
import { serviceTypeLabel } from './service-types.js';
import { nextStageOn } from './stages.js';
import type { RefreshPlan, Renewal, TimelineEvent } from './types.js';

/**
 * "Handled for now": staff mark a renewal in progress (an application is filed, a quote is
 * out) or snooze its reminders until a date. Either pauses its reminders and its escalation;
 * neither stops the refresh, so it still turns OVERDUE on time.
 */

/** A snooze reaches at most this far ahead; longer than that, the due date is what is wrong. */
export const SNOOZE_MAX_DAYS = 365;
export const ACKNOWLEDGE_NOTE_MAX_LENGTH = LIMITS.shortNote;

/** Snoozed while the office's today is before `snoozedUntil`; reminders resume on that day. */
export function isSnoozed(renewal: Renewal, today: LocalDate): boolean {
  return isOpen(renewal) && renewal.snoozedUntil !== undefined && today < renewal.snoozedUntil;
}

/** Someone marked it in progress and nobody cleared it since. */
export function isInProgress(renewal: Renewal): boolean {
  return isOpen(renewal) && renewal.inProgressSince !== undefined;
}

/** True while the renewal's reminders (and its escalation) wait: in progress, or snoozed today. */
export function remindersPaused(renewal: Renewal, today: LocalDate): boolean {
  return isInProgress(renewal) || isSnoozed(renewal, today);
}

/** The label the queue and the customer page show beside a paused renewal, or null. */
export function acknowledgementLabel(renewal: Renewal, today: LocalDate): string | null {
  if (isInProgress(renewal)) return 'In progress';
  if (isSnoozed(renewal, today)) return `Snoozed until ${renewal.snoozedUntil}`;
  return null;
}

/** Why a renewal cannot be snoozed or marked in progress, or null when it can. */
export function acknowledgeBlocker(renewal: Renewal): string | null {
  if (isOpen(renewal)) return null;
  return `This renewal is already ${renewal.status.toLowerCase()}: only open renewals can be snoozed or marked in progress.`;
}

export type SnoozeInput = { until: string; note?: string };
export type SnoozeField = 'until' | 'note';
export type Snooze = { until: LocalDate; note: string };

/** Checks a snooze: a real date after today and at most a year ahead, and a note of sane size. */
export function checkSnooze(
  renewal: Renewal,
  input: SnoozeInput,
  today: LocalDate,
): Result<Snooze, SnoozeField> {
  const blocker = acknowledgeBlocker(renewal);
  if (blocker) return refused(blocker);
  const until = input.until.trim();
  const note = (input.note ?? '').trim();
  const latest = addDays(today, SNOOZE_MAX_DAYS);
  const errors: Partial<Record<SnoozeField, string>> = {};
  if (!isLocalDate(until))
    errors.until =
      yearRangeProblem(until) ??
      'Enter the day reminders resume as YYYY-MM-DD, for example 2026-03-15.';
  else if (until <= today)
    errors.until = `Choose a day after today (${today}): reminders resume on that day.`;
  else if (until > latest)
    errors.until = `Snooze for at most a year, until ${latest}; if the renewal is due later, change its due date instead.`;
  if (note.length > ACKNOWLEDGE_NOTE_MAX_LENGTH)
    errors.note = `Shorten the note to ${ACKNOWLEDGE_NOTE_MAX_LENGTH} characters or fewer.`;
  return Object.keys(errors).length > 0 ? invalid(errors) : ok({ until, note });
}

export type InProgressInput = { note: string; by?: string };
export type InProgressField = 'note' | 'by';
export type InProgress = { note: string; by: string };

/** Checks marking a renewal in progress: a note saying what is under way, and who, if anyone. */
export function checkInProgress(
  renewal: Renewal,
  input: InProgressInput,
  staff: readonly StaffMember[],
): Result<InProgress, InProgressField> {
  const blocker = acknowledgeBlocker(renewal);
  if (blocker) return refused(blocker);
  const note = input.note.trim();
  const by = (input.by ?? '').trim();
  const errors: Partial<Record<InProgressField, string>> = {};
  if (note === '')
    errors.note =
      'Say what is under way, for example “Application filed on 3 March”: the note shows in the queue.';
  else if (note.length > ACKNOWLEDGE_NOTE_MAX_LENGTH)
    errors.note = `Shorten the note to ${ACKNOWLEDGE_NOTE_MAX_LENGTH} characters or fewer.`;
  if (by !== '' && !staff.some((s) => s.id === by))
    errors.by = 'Choose a staff member of this office, or nobody in particular.';
  return Object.keys(errors).length > 0 ? invalid(errors) : ok({ note, by });
}

type Context = { today: LocalDate; at: Instant };

function eventOf(
  renewal: Renewal,
  type: AcknowledgeEventType,
  title: string,
  context: Context,
  detail?: string,
): TimelineEvent {
  return {
    id: `evt:${renewal.id}:${type.replace('RENEWAL_', '')}:${context.at}`,
    type,
    customerId: renewal.customerId,
    subjectId: renewal.id,
    serviceType: renewal.serviceType,
    title,
    ...(detail ? { detail } : {}),
    occurredOn: context.today,
    at: context.at,
    updatedAt: context.at,
  };
}

/** The timeline facts of acknowledging; the CLEARED ones and SNOOZE_ENDED resume held alerts. */
export const ACKNOWLEDGE_EVENT_TYPES = [
  'RENEWAL_SNOOZED',
  'RENEWAL_SNOOZE_CLEARED',
  'RENEWAL_SNOOZE_ENDED',
  'RENEWAL_IN_PROGRESS',
  'RENEWAL_IN_PROGRESS_CLEARED',
] as const;
export type AcknowledgeEventType = (typeof ACKNOWLEDGE_EVENT_TYPES)[number];

/** Events after which a renewal's reminders may flow again. */
export const RESUMING_EVENT_TYPES: ReadonlySet<string> = new Set([
  'RENEWAL_SNOOZE_CLEARED',
  'RENEWAL_SNOOZE_ENDED',
  'RENEWAL_IN_PROGRESS_CLEARED',
]);

/**
 * The renewal's stage-based `nextStageOn`, brought forward to the day its snooze ends when that
 * comes first, so the refresh reads it again that day and its held alert resumes.
 */
export function withSnoozeWake(renewal: Renewal, today: LocalDate): Renewal {
  if (!isSnoozed(renewal, today) || renewal.snoozedUntil! >= renewal.nextStageOn) return renewal;
  return { ...renewal, nextStageOn: renewal.snoozedUntil! };
}

const withoutSnooze = (renewal: Renewal): Renewal => {
  const { snoozedUntil: _until, snoozeNote: _note, ...rest } = renewal;
  return rest;
};

const withoutInProgress = (renewal: Renewal): Renewal => {
  const { inProgressNote: _note, inProgressSince: _since, inProgressBy: _by, ...rest } = renewal;
  return rest;
};

/** Snoozes reminders until `snooze.until`; a new snooze replaces the one before. */
export function planSnooze(
  renewal: Renewal,
  snooze: Snooze,
  context: Context,
): { renewal: Renewal; event: TimelineEvent } {
  const snoozed: Renewal = {
    ...withoutSnooze(renewal),
    snoozedUntil: snooze.until,
    ...(snooze.note ? { snoozeNote: snooze.note } : {}),
    nextStageOn: nextStageOn(renewal.dueDate, renewal.stage),
    updatedAt: context.at,
  };
  return {
    renewal: withSnoozeWake(snoozed, context.today),
    event: eventOf(
      renewal,
      'RENEWAL_SNOOZED',
      `${serviceTypeLabel(renewal.serviceType)} reminders snoozed until ${snooze.until}`,
      context,
      snooze.note,
    ),
  };
}

/** Ends a snooze now: reminders resume, and an alert held meanwhile is delivered. */
export function planClearSnooze(
  renewal: Renewal,
  context: Context,
): Result<{ renewal: Renewal; event: TimelineEvent }> {
  const blocker = acknowledgeBlocker(renewal);
  if (blocker) return refused(blocker);
  if (!isSnoozed(renewal, context.today))
    return refused('This renewal is not snoozed: its reminders already reach people.');
  return ok({
    renewal: {
      ...withoutSnooze(renewal),
      nextStageOn: nextStageOn(renewal.dueDate, renewal.stage),
      updatedAt: context.at,
    },
    event: eventOf(
      renewal,
      'RENEWAL_SNOOZE_CLEARED',
      `Snooze until ${renewal.snoozedUntil} cleared: reminders resumed`,
      context,
    ),
  });
}

const nameOf = (staff: readonly StaffMember[], id: string) =>
  staff.find((s) => s.id === id)?.name ?? id;

/** Marks the renewal in progress with a note; marking it again updates the note. */
export function planMarkInProgress(
  renewal: Renewal,
  progress: InProgress,
  context: Context & { staff: readonly StaffMember[] },
): { renewal: Renewal; event: TimelineEvent } {
  const who = progress.by ? ` by ${nameOf(context.staff, progress.by)}` : '';
  return {
    renewal: {
      ...renewal,
      inProgressNote: progress.note,
      inProgressSince: renewal.inProgressSince ?? context.at,
      inProgressBy: progress.by,
      updatedAt: context.at,
    },
    event: eventOf(
      renewal,
      'RENEWAL_IN_PROGRESS',
      `${serviceTypeLabel(renewal.serviceType)} marked in progress${who}`,
      context,
      progress.note,
    ),
  };
}

/** Clears "in progress": reminders resume, and an alert held meanwhile is delivered. */
export function planClearInProgress(
  renewal: Renewal,
  context: Context,
): Result<{ renewal: Renewal; event: TimelineEvent }> {
  const blocker = acknowledgeBlocker(renewal);
  if (blocker) return refused(blocker);
  if (!isInProgress(renewal))
    return refused('This renewal is not marked in progress: its reminders already reach people.');
  return ok({
    renewal: { ...withoutInProgress(renewal), updatedAt: context.at },
    event: eventOf(
      renewal,
      'RENEWAL_IN_PROGRESS_CLEARED',
      `${serviceTypeLabel(renewal.serviceType)} no longer in progress: reminders resumed`,
      context,
    ),
  });
}

/**
 * What the daily refresh adds for a snooze, on top of one renewal's `planRefresh`: a renewal
 * still snoozed keeps `nextStageOn` no later than the day its snooze ends; a snooze that has
 * ended writes RENEWAL_SNOOZE_ENDED (once: its id names the day), which resumes the alert held
 * meanwhile on every device. A renewal left as stored apart from `updatedAt` is not rewritten.
 */
export function planSnoozeRefresh(
  stored: Renewal,
  refreshed: RefreshPlan,
  today: LocalDate,
  at: Instant,
): RefreshPlan {
  const planned = refreshed.updates[0] ?? stored;
  const woken = withSnoozeWake(planned, today);
  const { updatedAt: _a, ...after } = woken;
  const { updatedAt: _b, ...before } = stored;
  const changed = canonicalJson(after) !== canonicalJson(before);
  const ended =
    isOpen(stored) && stored.snoozedUntil !== undefined && stored.snoozedUntil <= today
      ? [snoozeEndedEvent(stored, stored.snoozedUntil, at)]
      : [];
  return {
    updates: changed ? [{ ...woken, updatedAt: at }] : [],
    events: [...ended, ...refreshed.events],
    tasks: refreshed.tasks,
  };
}

function snoozeEndedEvent(renewal: Renewal, until: LocalDate, at: Instant): TimelineEvent {
  return {
    id: `evt:${renewal.id}:SNOOZE_ENDED:${until}`,
    type: 'RENEWAL_SNOOZE_ENDED',
    customerId: renewal.customerId,
    subjectId: renewal.id,
    serviceType: renewal.serviceType,
    title: `Snooze until ${until} ended: reminders resumed`,
    occurredOn: until,
    at,
    updatedAt: at,
  };
}
