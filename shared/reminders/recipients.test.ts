import { describe, expect, it } from 'vitest';
import type { Notice } from '../notice.js';
import type { OfficeSettings } from '../office.js';
import { preferenceOf } from '../office.js';
import { recipientsOf, showsOnDevice } from './recipients.js';

const office = (staff: OfficeSettings['staff']): OfficeSettings => ({
  officeName: 'Ikamet',
  timeZone: 'Europe/Istanbul',
  dailyRefreshTime: '07:00',
  staff,
});
const notice = (audience?: Notice['audience']): Notice => ({
  id: 'n1',
  title: 'Residence permit due in 30 days',
  body: '',
  route: '/renewals/ren_1',
  ...(audience ? { audience } : {}),
});

describe('who a notice is for', () => {
  const team = office([
    { id: 'ayse', name: 'Ayşe', admin: true },
    { id: 'mehmet', name: 'Mehmet' },
    { id: 'zeynep', name: 'Zeynep', supervisor: true },
  ]);

  it('goes to the assignee; to the admins when nobody on the staff holds it', () => {
    expect(recipientsOf(notice({ kind: 'staff', staffId: 'mehmet' }), team)).toEqual(['mehmet']);
    expect(recipientsOf(notice({ kind: 'staff', staffId: 'left_last_year' }), team)).toEqual([
      'ayse',
    ]);
    expect(recipientsOf(notice(), team)).toEqual(['ayse']);
    expect(recipientsOf(notice({ kind: 'admins' }), team)).toEqual(['ayse']);
  });

  it('sends escalations to supervisors, or to the admins when there are none', () => {
    expect(recipientsOf(notice({ kind: 'supervisors' }), team)).toEqual(['zeynep']);
    const flat = office([
      { id: 'ayse', name: 'Ayşe' },
      { id: 'mehmet', name: 'Mehmet' },
    ]);
    // With nobody marked, the first staff member is the admin.
    expect(recipientsOf(notice({ kind: 'supervisors' }), flat)).toEqual(['ayse']);
  });

  it('keeps a worker’s own reminders off staff devices, except a shared one', () => {
    const forWorker = notice({ kind: 'worker', workerId: 'wrk_1' });
    expect(recipientsOf(forWorker, team)).toEqual([]);
    expect(showsOnDevice(forWorker, team, 'ayse')).toBe(false);
    expect(showsOnDevice(forWorker, team, null)).toBe(true);
    expect(showsOnDevice(notice({ kind: 'staff', staffId: 'mehmet' }), team, 'ayse')).toBe(false);
    expect(showsOnDevice(notice({ kind: 'staff', staffId: 'mehmet' }), team, 'mehmet')).toBe(true);
  });
});

describe('reminder preferences', () => {
  it('default to desktop one by one, email daily for staff and weekly for admins, no webhook', () => {
    const team = office([
      { id: 'ayse', name: 'Ayşe', admin: true },
      { id: 'mehmet', name: 'Mehmet' },
    ]);
    const [ayse, mehmet] = team.staff;
    expect(preferenceOf(team, mehmet!, 'desktop').mode).toBe('each');
    expect(preferenceOf(team, mehmet!, 'email')).toEqual({
      mode: 'daily',
      at: '08:00',
      weekday: 1,
    });
    expect(preferenceOf(team, ayse!, 'email')).toEqual({ mode: 'weekly', at: '08:00', weekday: 1 });
    expect(preferenceOf(team, ayse!, 'webhook').mode).toBe('off');
    const chosen = {
      ...mehmet!,
      reminders: { email: { mode: 'each' as const, at: '09:30', weekday: 1 } },
    };
    expect(preferenceOf(team, chosen, 'email').mode).toBe('each');
  });
});
