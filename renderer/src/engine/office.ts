import { isTimeZone } from '../../../shared/time';

/** Office-wide settings, kept in the `config` collection under 'office'. */
export type OfficeSettings = {
  officeName: string;
  timeZone: string;
  /** Local 'HH:MM' of the daily refresh. */
  dailyRefreshTime: string;
  staff: { id: string; name: string }[];
};

export function defaultOfficeSettings(systemTimeZone: string): OfficeSettings {
  return {
    officeName: 'My office',
    timeZone: isTimeZone(systemTimeZone) ? systemTimeZone : 'UTC',
    dailyRefreshTime: '07:00',
    staff: [{ id: 'me', name: 'Me' }],
  };
}

export type SettingsErrors = Partial<
  Record<'officeName' | 'timeZone' | 'dailyRefreshTime' | 'staff', string>
>;

/** Checks settings staff edit; returns the problems by field. */
export function checkOfficeSettings(settings: OfficeSettings): SettingsErrors {
  const errors: SettingsErrors = {};
  if (!settings.officeName.trim()) errors.officeName = 'Enter the office name.';
  if (!isTimeZone(settings.timeZone))
    errors.timeZone = `"${settings.timeZone}" is not a time zone; use a name like Europe/Istanbul.`;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(settings.dailyRefreshTime))
    errors.dailyRefreshTime = 'Use a 24-hour time like 07:00.';
  if (settings.staff.length === 0)
    errors.staff = 'Keep at least one staff member so renewals have someone responsible.';
  else if (settings.staff.some((s) => !s.name.trim()))
    errors.staff = 'Every staff member needs a name.';
  return errors;
}
