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
      errors: {
        'staff.0.email': 'Enter an email address like ayse@agency.example, or leave it empty.',
        staff: 'A (email): Enter an email address like ayse@agency.example, or leave it empty.',
      },
    });
    expect(checkOfficeSettings(staffWith({ webhookUrl: 'hooks.example' }))).toMatchObject({
      errors: { 'staff.0.webhookUrl': expect.stringMatching(/https:\/\//) },
    });
    expect(
      checkOfficeSettings(
        staffWith({ reminders: { email: { mode: 'daily', at: '25:00', weekday: 1 } } }),
      ),
    ).toMatchObject({
      errors: {
        'staff.0.reminders.email.at': "Use a 24-hour local time written 'HH:MM', such as '07:30'.",
        staff: expect.stringMatching(/^A \(email reminder time\): Use a 24-hour/),
      },
    });
    expect(checkOfficeSettings({ ...base, escalateAfterDays: 0 })).toEqual({
      ok: false,
      errors: { escalateAfterDays: 'Escalate after at least 1 day.' },
    });
  });

  it('name the member in the summary, or their place in the list when they have no name', () => {
    const result = checkOfficeSettings({
      ...base,
      staff: [
        { id: 'ayse', name: 'Ayşe' },
        { id: 'new', name: '  ' },
      ],
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        'staff.1.name': 'Every staff member needs a name.',
        staff: 'Staff member 2 (name): Every staff member needs a name.',
      },
    });
  });

  it('say how many more problems there are beyond the first', () => {
    const result = checkOfficeSettings({
      ...base,
      staff: [
        { id: 'ayse', name: 'Ayşe', email: 'ayse@' },
        {
          id: 'can',
          name: 'Can',
          reminders: { email: { mode: 'weekly', at: '7pm', weekday: 8 } },
        },
      ],
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        'staff.0.email': 'Enter an email address like ayse@agency.example, or leave it empty.',
        'staff.1.reminders.email.at': "Use a 24-hour local time written 'HH:MM', such as '07:30'.",
        'staff.1.reminders.email.weekday': 'Choose a day of the week.',
        staff:
          'Ayşe (email): Enter an email address like ayse@agency.example, or leave it empty. Fix 2 more problems marked in the list.',
      },
    });
  });

  it('refuse webhook reminders without a webhook address, and accept them turned off', () => {
    const member = { id: 'ayse', name: 'Ayşe' };
    const webhook = (mode: 'each' | 'off') => ({
      ...base,
      staff: [{ ...member, reminders: { webhook: { mode, at: '08:00', weekday: 1 } } }],
    });
    expect(checkOfficeSettings(webhook('each'))).toMatchObject({
      ok: false,
      errors: {
        'staff.0.webhookUrl':
          'Enter the webhook address (https://…), or turn webhook reminders off.',
      },
    });
    expect(checkOfficeSettings(webhook('off')).ok).toBe(true);
  });

  it('keep an empty staff list out, on the staff list itself', () => {
    expect(checkOfficeSettings({ ...base, staff: [] })).toEqual({
      ok: false,
      errors: { staff: 'Keep at least one staff member so renewals have someone responsible.' },
    });
  });

  it('save names and addresses without the spaces around them', () => {
    const result = checkOfficeSettings({
      ...base,
      staff: [{ id: 'ayse', name: ' Ayşe ', email: ' ayse@agency.example ' }],
    });
    expect(result).toEqual({
      ok: true,
      value: { ...base, staff: [{ id: 'ayse', name: 'Ayşe', email: 'ayse@agency.example' }] },
    });
  });
});
