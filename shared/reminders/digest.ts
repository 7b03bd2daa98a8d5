import type { Notice } from '../notice.js';
import type { ChannelPreference } from '../office.js';
import { routes } from '../routes.js';
import {
  addDays,
  epochDayOfValid,
  instantAtLocal,
  localDateIn,
  type Instant,
  type LocalDate,
} from '../time/index.js';

/** ISO weekday of a date: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(date: LocalDate): number {
  return ((((epochDayOfValid(date) + 3) % 7) + 7) % 7) + 1;
}

/**
 * When the digest that takes a notice arriving at `at` goes out: the next digest time strictly
 * after `at`, at the preference's time of day in the office zone — every day, or on its
 * weekday for a weekly digest.
 */
export function nextDigestAt(
  preference: Pick<ChannelPreference, 'at' | 'weekday'>,
  weekly: boolean,
  at: Instant,
  timeZone: string,
): Instant {
  let day = localDateIn(at, timeZone);
  for (let i = 0; i < 15; i++, day = addDays(day, 1)) {
    if (weekly && isoWeekday(day) !== preference.weekday) continue;
    const due = instantAtLocal(day, timeZone, preference.at);
    if (due > at) return due;
  }
  throw new Error(`No digest time within two weeks of ${at}`);
}

/** What happens to one notice on one channel for one person. */
export type Routing = { kind: 'now' } | { kind: 'digest'; due: Instant } | { kind: 'off' };

/**
 * How a notice reaches a person on a channel: not at all when they turned it off; at once
 * when it is urgent or they take reminders one by one; otherwise with their next digest.
 * A notice meant for the weekly digest only (seed 001: admins get the 30- and 14-day items
 * in the weekly digest) waits for the weekly one whatever the person chose, unless they
 * turned the channel off.
 */
export function routeFor(
  notice: Pick<Notice, 'urgent' | 'digestOnly'>,
  preference: ChannelPreference,
  at: Instant,
  timeZone: string,
): Routing {
  if (preference.mode === 'off') return { kind: 'off' };
  if (notice.urgent) return { kind: 'now' };
  if (notice.digestOnly)
    return { kind: 'digest', due: nextDigestAt(preference, true, at, timeZone) };
  if (preference.mode === 'each') return { kind: 'now' };
  return {
    kind: 'digest',
    due: nextDigestAt(preference, preference.mode === 'weekly', at, timeZone),
  };
}

/** The digest's own id: one per person (or device), channel and due time, on every device. */
export function digestId(channel: string, who: string, due: Instant): string {
  return `digest:${channel}:${who}:${due}`;
}

/**
 * One notice that stands for the reminders a digest gathers: how many, the first few titles,
 * and the notification centre to see them all.
 */
export function digestNotice(
  items: readonly Pick<Notice, 'title'>[],
  context: { channel: string; who: string; due: Instant },
): Notice {
  const count = items.length === 1 ? '1 reminder' : `${items.length} reminders`;
  const shown = items.slice(0, 3).map((i) => i.title);
  const more = items.length > shown.length ? ` and ${items.length - shown.length} more` : '';
  return {
    id: digestId(context.channel, context.who, context.due),
    title: `Your digest: ${count}`,
    body: `${shown.join('; ')}${more}.`,
    route: routes.notifications(),
    // The digest itself goes out at once: it is what the waiting was for.
    urgent: true,
  };
}
