import { z } from 'zod';
import { parseWith, type Result } from './result.js';
import { DAILY_TIME_HINT, isDailyTime, isTimeZone } from './time/index.js';

/** The `config` record that holds the office settings. */
export const OFFICE_CONFIG_ID = 'office';

export type StaffMember = { id: string; name: string };

/** Office-wide settings, kept in the `config` collection under 'office'. */
export type OfficeSettings = {
  officeName: string;
  /** IANA zone: days until due and the daily refresh count in it. */
  timeZone: string;
  /** Local 'HH:MM' of the daily refresh. */
  dailyRefreshTime: string;
  staff: StaffMember[];
};

/** What a new office starts with, in the zone of the machine that creates it. */
export function defaultOfficeSettings(timeZone: string): OfficeSettings {
  return {
    officeName: 'My office',
    timeZone: isTimeZone(timeZone) ? timeZone : 'UTC',
    dailyRefreshTime: '07:00',
    staff: [{ id: 'me', name: 'Me' }],
  };
}

export const officeSettingsSchema = z.object({
  officeName: z
    .string()
    .trim()
    .min(1, 'Enter the office name.')
    .max(200, 'Shorten the office name to 200 characters or fewer.'),
  timeZone: z
    .string()
    .trim()
    .superRefine((zone, ctx) => {
      if (!isTimeZone(zone))
        ctx.addIssue({
          code: 'custom',
          message: `"${zone}" is not a time zone; use a name like Europe/Istanbul.`,
        });
    }),
  dailyRefreshTime: z.string().trim().refine(isDailyTime, `Use ${DAILY_TIME_HINT}.`),
  staff: z
    .array(
      z.object({
        id: z.string().min(1).max(120),
        name: z
          .string()
          .trim()
          .min(1, 'Every staff member needs a name.')
          .max(200, 'Shorten staff names to 200 characters or fewer.'),
      }),
    )
    .min(1, 'Keep at least one staff member so renewals have someone responsible.'),
});

export type SettingsField = keyof OfficeSettings;

/** Checks settings staff edit; a staff problem is reported once, on `staff`. */
export function checkOfficeSettings(input: OfficeSettings): Result<OfficeSettings, SettingsField> {
  const result = parseWith<OfficeSettings, string>(officeSettingsSchema, input);
  if (result.ok) return result;
  const errors: Partial<Record<SettingsField | 'form', string>> = {};
  for (const [path, message] of Object.entries(result.errors)) {
    const field = path.split('.')[0] as SettingsField;
    errors[field] ??= message;
  }
  return { ok: false, errors };
}

/** The staff member new renewals fall to when nobody more specific is responsible. */
export function defaultAssignee(office: OfficeSettings): string {
  return office.staff[0]?.id ?? 'unassigned';
}
