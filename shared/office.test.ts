import { describe, expect, it } from 'vitest';
import { checkOfficeSettings, defaultOfficeSettings, type OfficeSettings } from './office.js';

const base: OfficeSettings = { ...defaultOfficeSettings('Europe/Istanbul'), officeName: 'Ikamet' };

describe('office settings people edit', () => {
  it('accept a staff member with email, roles, a webhook and reminder choices', () => {
    const settings: OfficeSettings = {
      ...base,
      escalateAfterDays: 3,
      staff: [
        {
          id: 'ayse',
          name: 'Ayşe',
          email: 'ayse@agency.example',
          admin: true,
          supervisor: true,
          webhookUrl: 'https://hooks.slack.example/T000/B000',
          reminders: { email: { mode: 'weekly', at: '09:00', weekday: 5 } },
        },
      ],
    };
    expect(checkOfficeSettings(settings)).toEqual({ ok: true, value: settings });
  });

  it('explain a bad email, webhook, digest time or escalation, on the field that holds it', () => {
    const staffWith = (extra: object) => ({ ...base, staff: [{ id: 'a', name: 'A', ...extra }] });
    expect(checkOfficeSettings(staffWith({ email: 'ayse at agency' }))).toEqual({
      ok: false,
      errors: { staff: 'Enter an email address like ayse@agency.example, or leave it empty.' },
    });
    expect(checkOfficeSettings(staffWith({ webhookUrl: 'hooks.example' }))).toMatchObject({
      errors: { staff: expect.stringMatching(/https:\/\//) },
    });
    expect(
      checkOfficeSettings(
        staffWith({ reminders: { email: { mode: 'daily', at: '25:00', weekday: 1 } } }),
      ),
    ).toMatchObject({ errors: { staff: expect.stringMatching(/HH:MM|24-hour|Use/) } });
    expect(checkOfficeSettings({ ...base, escalateAfterDays: 0 })).toEqual({
      ok: false,
      errors: { escalateAfterDays: 'Escalate after at least 1 day.' },
    });
  });
});
