import { z } from 'zod';
import { LIMITS, shortenTo } from './limits.js';
import { parseWith, type Result } from './result.js';
import { DAILY_TIME_HINT, isDailyTime, isTimeZone } from './time/index.js';
import { allowedHostProblem, MAX_ALLOWED_HOSTS } from './policies/webhook-rules.js';

/** The `config` record that holds the office settings. */
export const OFFICE_CONFIG_ID = 'office';

/** Where a person's reminders can reach them. */
export const CHANNELS = ['desktop', 'email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * How a person takes one channel's reminders: each as it comes, gathered into a daily or a
 * weekly digest at a time of day (office zone; weekly on `weekday`, 1 = Monday), or not at
 * all. Urgent reminders (7 days, 1 day, overdue, escalations) never wait for a digest.
 */
export const REMINDER_MODES = ['each', 'daily', 'weekly', 'off'] as const;
export type ReminderMode = (typeof REMINDER_MODES)[number];
export type ChannelPreference = { mode: ReminderMode; at: string; weekday: number };

export type StaffMember = {
  id: string;
  name: string;
  /** Where email reminders and digests go. */
  email?: string;
  /** Admins manage the office's devices and get what is assigned to nobody. */
  admin?: boolean;
  /** Supervisors get renewals and tasks nobody acted on (escalations). */
  supervisor?: boolean;
  /** A Slack- or Teams-style incoming webhook that takes `{"text": ...}`. */
  webhookUrl?: string;
  /** Per channel; a channel not listed takes the office default for the person's role. */
  reminders?: Partial<Record<Channel, ChannelPreference>>;
};

/** Office-wide settings, kept in the `config` collection under 'office'. */
export type OfficeSettings = {
  officeName: string;
  /** IANA zone: days until due and the daily refresh count in it. */
  timeZone: string;
  /** Local 'HH:MM' of the daily refresh. */
  dailyRefreshTime: string;
  staff: StaffMember[];
  /**
   * Days an URGENT task or an OVERDUE renewal may go unacknowledged before it escalates to
   * the supervisors. Absent in settings saved before escalation existed: the default applies.
   */
  escalateAfterDays?: number;
  /**
   * Hosts (names or addresses) that webhook calls may reach although they are private,
   * loopback or link-local, such as an in-house CRM on 10.0.0.5. Absent: none.
   */
  webhookAllowedHosts?: string[];
};

/** Escalation waits this many days unless the office says otherwise. */
export const DEFAULT_ESCALATE_AFTER_DAYS = 2;

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
    .max(LIMITS.name, shortenTo('the office name', LIMITS.name)),
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
      z
        .object({
          id: z.string().min(1).max(LIMITS.reference),
          name: z
            .string()
            .trim()
            .min(1, 'Every staff member needs a name.')
            .max(LIMITS.name, shortenTo('staff names', LIMITS.name)),
          email: z
            .string()
            .trim()
            .max(LIMITS.email, shortenTo('the email address', LIMITS.email))
            .refine(
              (email) => email === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email),
              'Enter an email address like ayse@agency.example, or leave it empty.',
            )
            .optional(),
          admin: z.boolean().optional(),
          supervisor: z.boolean().optional(),
          webhookUrl: z
            .string()
            .trim()
            .max(LIMITS.url, shortenTo('the webhook address', LIMITS.url))
            .refine(
              (url) => url === '' || /^https?:\/\/[^\s]+$/.test(url),
              'Enter the webhook address as https://…, or leave it empty.',
            )
            .optional(),
          reminders: z
            .partialRecord(
              z.enum(CHANNELS),
              z.object({
                mode: z.enum(REMINDER_MODES, {
                  error: 'Choose each, daily, weekly or off.',
                }),
                at: z.string().trim().refine(isDailyTime, `Use ${DAILY_TIME_HINT}.`),
                weekday: z
                  .number({ error: 'Choose a day of the week.' })
                  .int('Choose a day of the week.')
                  .min(1, 'Choose a day of the week.')
                  .max(7, 'Choose a day of the week.'),
              }),
            )
            .optional(),
        })
        .superRefine((member, ctx) => {
          const webhook = member.reminders?.webhook;
          if (webhook && webhook.mode !== 'off' && !member.webhookUrl)
            ctx.addIssue({
              code: 'custom',
              path: ['webhookUrl'],
              message: 'Enter the webhook address (https://…), or turn webhook reminders off.',
            });
        }),
    )
    .min(1, 'Keep at least one staff member so renewals have someone responsible.'),
  escalateAfterDays: z
    .number({ error: 'Enter a number of days from 1 to 30.' })
    .int('Enter a whole number of days.')
    .min(1, 'Escalate after at least 1 day.')
    .max(30, 'Escalate within 30 days.')
    .optional(),
  webhookAllowedHosts: z
    .array(
      z
        .string()
        .trim()
        .superRefine((entry, ctx) => {
          const problem = allowedHostProblem(entry);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
    )
    .max(MAX_ALLOWED_HOSTS, `Allow at most ${MAX_ALLOWED_HOSTS} webhook hosts.`)
    .optional(),
});

export type SettingsField = keyof OfficeSettings;

/** What a person edits of one staff member, as a path inside the member. */
export type StaffField =
  'name' | 'email' | 'webhookUrl' | `reminders.${Channel}.${keyof ChannelPreference}`;

/** Where a settings problem is: a settings field, or one member's field ('staff.2.email'). */
export type SettingsErrorKey = SettingsField | `staff.${number}.${StaffField}`;

/** The error key of member `index`'s `field`. */
export function staffErrorKey(index: number, field: StaffField): SettingsErrorKey {
  return `staff.${index}.${field}`;
}

/** A member's field in words, for the summary: 'email', 'email digest time'. */
function staffFieldWords(field: string): string {
  const [first, channel, part] = field.split('.');
  if (first === 'webhookUrl') return 'webhook address';
  if (first !== 'reminders') return first ?? field;
  if (part === 'at') return `${channel} reminder time`;
  if (part === 'weekday') return `${channel} digest day`;
  return `${channel} reminders`;
}

/**
 * Checks settings staff edit. A problem with a member's field is reported on that field
 * ('staff.2.email'), and once on `staff` naming the member ("Ayşe (email): Enter an email
 * address like …"), with how many more there are, for a list too long to see at once.
 */
export function checkOfficeSettings(
  input: OfficeSettings,
): Result<OfficeSettings, SettingsErrorKey> {
  const result = parseWith<OfficeSettings, string>(officeSettingsSchema, input);
  if (result.ok) return result;
  const errors: Partial<Record<SettingsErrorKey | 'form', string>> = {};
  const staffProblems: string[] = [];
  for (const [path, message] of Object.entries(result.errors)) {
    if (message === undefined) continue;
    const [field, index, ...rest] = path.split('.');
    if (field === 'staff' && index !== undefined && rest.length > 0) {
      const member = input.staff[Number(index)];
      const who = member?.name.trim() || `Staff member ${Number(index) + 1}`;
      errors[path as SettingsErrorKey] ??= message;
      staffProblems.push(`${who} (${staffFieldWords(rest.join('.'))}): ${message}`);
    } else {
      errors[field as SettingsField] ??= message;
    }
  }
  if (staffProblems.length > 0 && errors.staff === undefined) {
    const more = staffProblems.length - 1;
    errors.staff =
      more === 0
        ? staffProblems[0]
        : `${staffProblems[0]} Fix ${more} more ${more === 1 ? 'problem' : 'problems'} marked in the list.`;
  }
  return { ok: false, errors };
}

/** The office's admins: those marked so, or the first staff member when nobody is. */
export function adminsOf(office: OfficeSettings): StaffMember[] {
  const marked = office.staff.filter((s) => s.admin);
  return marked.length > 0 ? marked : office.staff.slice(0, 1);
}

/** Who gets escalations: the supervisors, or the admins when nobody is one. */
export function supervisorsOf(office: OfficeSettings): StaffMember[] {
  const marked = office.staff.filter((s) => s.supervisor);
  return marked.length > 0 ? marked : adminsOf(office);
}

export function escalateAfterDays(office: OfficeSettings): number {
  return office.escalateAfterDays ?? DEFAULT_ESCALATE_AFTER_DAYS;
}

/** The hosts the office allows webhook calls to reach although they are not public. */
export function webhookAllowedHosts(office: OfficeSettings): string[] {
  return office.webhookAllowedHosts ?? [];
}

/**
 * How `member` takes reminders on `channel`: their own choice, else the office default —
 * desktop one by one; email as a daily digest at 08:00, for admins the weekly digest on
 * Monday (seed 001); webhooks off until a person sets one up.
 */
export function preferenceOf(
  office: OfficeSettings,
  member: StaffMember,
  channel: Channel,
): ChannelPreference {
  const chosen = member.reminders?.[channel];
  if (chosen) return chosen;
  if (channel === 'desktop') return { mode: 'each', at: '08:00', weekday: 1 };
  if (channel === 'webhook') return { mode: 'off', at: '08:00', weekday: 1 };
  const admin = adminsOf(office).some((a) => a.id === member.id);
  return { mode: admin ? 'weekly' : 'daily', at: '08:00', weekday: 1 };
}

/** The staff member new renewals fall to when nobody more specific is responsible. */
export function defaultAssignee(office: OfficeSettings): string {
  return office.staff[0]?.id ?? 'unassigned';
}
