import type { Notice } from '../notice.js';
import { adminsOf, supervisorsOf, type OfficeSettings } from '../office.js';

/**
 * The staff members a notice is for: its assignee (someone no longer on the staff, or nobody,
 * means the admins), the admins, or the supervisors. A worker's own reminders reach the worker
 * (by email and the worker view), not the staff.
 */
export function recipientsOf(notice: Notice, office: OfficeSettings): string[] {
  const audience = notice.audience;
  const ids = (members: { id: string }[]) => members.map((m) => m.id);
  if (!audience || audience.kind === 'admins') return ids(adminsOf(office));
  if (audience.kind === 'supervisors') return ids(supervisorsOf(office));
  if (audience.kind === 'worker') return [];
  return office.staff.some((s) => s.id === audience.staffId)
    ? [audience.staffId]
    : ids(adminsOf(office));
}

/**
 * Whether a device shows a notice: a device someone uses shows what is for them; a shared
 * device (nobody in particular) shows everything, as the office's front desk.
 */
export function showsOnDevice(notice: Notice, office: OfficeSettings, me: string | null): boolean {
  return me === null || recipientsOf(notice, office).includes(me);
}
