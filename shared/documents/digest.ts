import type { DocumentInstance } from '../schema/document-instance.js';
import type { DocumentTemplate } from '../schema/document-template.js';
import type { Worker } from '../schema/worker.js';
import { addDays, diffDays, type LocalDate } from '../time/index.js';
import { documentIds } from './ids.js';
import { overdueRenewals, type OverdueRenewal } from './overdue.js';
import { latestTemplateVersion, templateVersion } from './template.js';
import { weekOf } from './week.js';

/** Intervals above this many days reach admins through the weekly digest (30 and 14 by default). */
export const DIGEST_MIN_DAYS_BEFORE = 8;

export type DigestItem = {
  workerId: string;
  worker: string;
  instanceId: string;
  templateId: string;
  document: string;
  expiresOn: LocalDate;
  /** The reminder interval (30, 14, ...) that puts the item in this week's digest. */
  daysBefore: number;
  remindOn: LocalDate;
  /** Days from the digest's `today` to expiry. */
  daysLeft: number;
};

export type WeeklyDigest = {
  /** Deterministic: 'doc-digest-week:<weekOf>'. */
  id: string;
  /** The Monday that starts the week. */
  weekOf: LocalDate;
  items: DigestItem[];
  /**
   * Renewals still unsigned after the document they renew expired, as of `today`: listed in
   * the digest of the week holding `today` every week until signed, most overdue first.
   */
  overdue: OverdueRenewal[];
};

/**
 * The admins' digests of digest-level reminders (30 and 14 days by default) falling between
 * `from` and `until`, one per ISO week (Monday first), items by expiry then worker.
 * Only signed, unexpired instances of active workers whose renewal is not signed yet count.
 * The week holding `today` (when in range) also lists the overdue renewals.
 */
export function planWeeklyDigests(input: {
  templates: readonly DocumentTemplate[];
  instances: readonly DocumentInstance[];
  workers: readonly Worker[];
  from: LocalDate;
  until: LocalDate;
  today: LocalDate;
}): WeeklyDigest[] {
  const { from, until, today } = input;
  const templates = new Map(input.templates.map((t) => [t.id, t]));
  const workers = new Map(input.workers.map((w) => [w.id, w]));
  const renewedIds = new Set(
    input.instances
      .filter((i) => i.status === 'completed' && i.previousInstanceId)
      .map((i) => i.previousInstanceId),
  );
  const weeks = new Map<LocalDate, DigestItem[]>();

  for (const instance of input.instances) {
    const template = templates.get(instance.templateId);
    const worker = workers.get(instance.workerId);
    const expiresOn = instance.expiresOn;
    if (
      instance.status !== 'completed' ||
      !expiresOn ||
      !template ||
      !worker?.active ||
      renewedIds.has(instance.id)
    )
      continue;
    const policy = latestTemplateVersion(template);
    const name = (templateVersion(template, instance.templateVersion) ?? policy).name;
    for (const daysBefore of policy.reminderDaysBefore) {
      if (daysBefore < DIGEST_MIN_DAYS_BEFORE) continue;
      const remindOn = addDays(expiresOn, -daysBefore);
      if (
        remindOn < from ||
        remindOn > until ||
        (instance.signedOn && remindOn <= instance.signedOn)
      )
        continue;
      const week = weekOf(remindOn);
      const items = weeks.get(week) ?? [];
      items.push({
        workerId: worker.id,
        worker: worker.fullName,
        instanceId: instance.id,
        templateId: template.id,
        document: name,
        expiresOn,
        daysBefore,
        remindOn,
        daysLeft: diffDays(today, expiresOn),
      });
      weeks.set(week, items);
    }
  }
  const thisWeek = weekOf(today);
  const overdue = overdueRenewals(input);
  if (overdue.length > 0 && thisWeek >= weekOf(from) && thisWeek <= until && !weeks.has(thisWeek))
    weeks.set(thisWeek, []);
  return [...weeks.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([week, items]) => ({
      id: documentIds.weeklyDigest(week),
      weekOf: week,
      overdue: week === thisWeek ? overdue : [],
      items: items.sort((a, b) =>
        a.expiresOn === b.expiresOn
          ? a.worker.localeCompare(b.worker) || a.daysBefore - b.daysBefore
          : a.expiresOn < b.expiresOn
            ? -1
            : 1,
      ),
    }));
}

/** This week's digest (the ISO week holding `today`), empty items when nothing is due. */
export function planWeeklyDigest(input: {
  templates: readonly DocumentTemplate[];
  instances: readonly DocumentInstance[];
  workers: readonly Worker[];
  today: LocalDate;
}): WeeklyDigest {
  const monday = weekOf(input.today);
  const [digest] = planWeeklyDigests({ ...input, from: monday, until: addDays(monday, 6) });
  return digest ?? { id: documentIds.weeklyDigest(monday), weekOf: monday, items: [], overdue: [] };
}
