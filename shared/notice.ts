/**
 * Something a person should hear about: an alert, a reminder, a notice from a plugin, a problem
 * a job met. The one notification type of every domain. `id` is deterministic, built from what
 * caused it, so each device (and later each person and channel) delivers it once.
 */
export type Notice = {
  id: string;
  title: string;
  body: string;
  /** What opening the notice shows, e.g. '/renewals/ren_123'. */
  route: string;
  /** Who it is for; absent means whoever uses this device. */
  audience?: NoticeAudience;
  /** The timeline event it announces, when it announces one. */
  sourceEventId?: string;
  /**
   * Urgent notices (7 days, 1 day, overdue, escalations) reach people at once on every
   * channel they have not turned off; the rest may wait for their digest.
   */
  urgent?: boolean;
  /**
   * Meant for the weekly digest only, never one by one (seed 001: admins get the 30- and
   * 14-day document reminders in their weekly digest).
   */
  digestOnly?: boolean;
  /** The document instance a worker's reminder is about: their email's signing link opens it. */
  instanceId?: string;
};

/**
 * Who a notice is for: a staff member (the assignee), a worker (their own documents), the
 * office admins (what is assigned to nobody, problems) or the supervisors (escalations).
 */
export type NoticeAudience =
  | { kind: 'staff'; staffId: string }
  | { kind: 'worker'; workerId: string }
  | { kind: 'admins' }
  | { kind: 'supervisors' };
