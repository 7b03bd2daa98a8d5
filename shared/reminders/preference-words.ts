import type { Channel, ChannelPreference, ReminderMode } from '../office.js';

/** ISO weekdays as people read them: index 0 is weekday 1, Monday. */
export const WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

export const CHANNEL_NAMES: Record<Channel, string> = {
  desktop: 'Desktop',
  email: 'Email',
  webhook: 'Webhook',
};

/** Each mode as a choice in a list. */
export const MODE_NAMES: Record<ReminderMode, string> = {
  each: 'Each as it comes',
  daily: 'Daily digest',
  weekly: 'Weekly digest',
  off: 'Off',
};

/** The name of ISO weekday `weekday` (1 = Monday … 7 = Sunday). */
export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday - 1] ?? `day ${weekday}`;
}

/**
 * A channel preference in words: 'each reminder as it comes', 'daily digest at 08:00',
 * 'weekly digest on Fridays at 17:00', 'off'.
 */
export function describePreference(preference: ChannelPreference): string {
  switch (preference.mode) {
    case 'each':
      return 'each reminder as it comes';
    case 'daily':
      return `daily digest at ${preference.at}`;
    case 'weekly':
      return `weekly digest on ${weekdayName(preference.weekday)}s at ${preference.at}`;
    case 'off':
      return 'off';
  }
}
