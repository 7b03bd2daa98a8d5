import { describe, expect, it } from 'vitest';
import {
  latestTemplateVersion,
  planTemplateCreate,
  planTemplateEdit,
  templateVersion,
  validateTemplateDraft,
} from './template.js';

const w9 = {
  name: 'W-9',
  fields: [
    { key: 'fullName', label: 'Full name', type: 'text', required: true, profileKey: 'fullName' },
    { key: 'taxId', label: 'Tax ID', type: 'text', required: true, profileKey: 'taxId' },
  ],
  body: 'I, {{fullName}}, certify that {{taxId}} is my correct taxpayer identification number.',
  renewalModel: { kind: 'calendar', renewalMonth: 12, renewalDay: 31 },
};

function errorsOf(input: unknown) {
  const result = validateTemplateDraft(input);
  if (result.ok) throw new Error('expected the draft to be rejected');
  return result.errors;
}

describe('validateTemplateDraft', () => {
  it('accepts a W-9 and fills in the default reminders, no grace period and non-blocking', () => {
    const result = validateTemplateDraft(w9);
    expect(result.ok && result.draft).toMatchObject({
      reminderDaysBefore: [30, 14, 7, 1],
      gracePeriodDays: 0,
      blocking: false,
      overdueReminderEveryDays: 7,
    });
  });

  it('rejects reminders after expiry that are not at least every day, naming the setting', () => {
    expect(errorsOf({ ...w9, overdueReminderEveryDays: 0 })).toEqual([
      {
        path: 'overdueReminderEveryDays',
        where: 'Reminders after expiry',
        message: 'Remind at least every 1 day after expiry.',
      },
    ]);
    expect(errorsOf({ ...w9, overdueReminderEveryDays: 2.5 })[0]?.message).toBe(
      'Reminders after expiry must come every whole number of days.',
    );
  });

  it('requires a name and says how to fix it', () => {
    expect(errorsOf({ ...w9, name: '  ' })).toEqual([
      { path: 'name', where: 'Name', message: 'Enter a document name, e.g. "W-9".' },
    ]);
  });

  it('rejects April 31 as a calendar renewal date', () => {
    expect(
      errorsOf({ ...w9, renewalModel: { kind: 'calendar', renewalMonth: 4, renewalDay: 31 } }),
    ).toEqual([
      {
        path: 'renewalModel.renewalDay',
        where: 'Renewal model, renewal day',
        message: 'April 31 does not exist. Choose a day from 1 to 30.',
      },
    ]);
  });

  it('rejects February 30 as a calendar renewal date', () => {
    expect(
      errorsOf({ ...w9, renewalModel: { kind: 'calendar', renewalMonth: 2, renewalDay: 30 } })[0]
        ?.message,
    ).toBe('February 30 does not exist. Choose a day from 1 to 29.');
  });

  it('accepts February 29 as a calendar renewal date', () => {
    expect(
      validateTemplateDraft({
        ...w9,
        renewalModel: { kind: 'calendar', renewalMonth: 2, renewalDay: 29 },
      }).ok,
    ).toBe(true);
  });

  it('rejects a month outside 1-12', () => {
    expect(
      errorsOf({ ...w9, renewalModel: { kind: 'calendar', renewalMonth: 13, renewalDay: 1 } })[0],
    ).toMatchObject({
      path: 'renewalModel.renewalMonth',
      message: 'Choose a renewal month from 1 (January) to 12 (December).',
    });
  });

  it('rejects an unknown renewal model', () => {
    expect(errorsOf({ ...w9, renewalModel: { kind: 'weekly' } })[0]?.message).toBe(
      'Choose a renewal model: none, calendar or signature.',
    );
  });

  it('rejects a signature model that lasts zero months', () => {
    expect(
      errorsOf({ ...w9, renewalModel: { kind: 'signature', renewalDurationMonths: 0 } })[0]
        ?.message,
    ).toBe('A signature must last at least 1 month.');
  });

  it('rejects reminders that are not positive whole numbers and names the reminder', () => {
    expect(errorsOf({ ...w9, reminderDaysBefore: [30, 0, 2.5] })).toEqual([
      {
        path: 'reminderDaysBefore.1',
        where: 'Reminder 2',
        message: 'Each reminder must be at least 1 day before expiry.',
      },
      {
        path: 'reminderDaysBefore.2',
        where: 'Reminder 3',
        message: 'Each reminder must be a whole number of days.',
      },
    ]);
  });

  it('sorts custom reminders from earliest to latest and drops duplicates', () => {
    const result = validateTemplateDraft({ ...w9, reminderDaysBefore: [7, 60, 7] });
    expect(result.ok && result.draft.reminderDaysBefore).toEqual([60, 7]);
  });

  it('rejects a negative grace period', () => {
    expect(errorsOf({ ...w9, gracePeriodDays: -1 })[0]).toMatchObject({
      where: 'Grace period',
      message: 'The grace period cannot be negative; use 0 for none.',
    });
  });

  it('names the field by its label when a field is wrong', () => {
    expect(
      errorsOf({
        ...w9,
        fields: [{ key: '1st', label: 'First day', type: 'date', required: true }],
        body: '',
      }),
    ).toEqual([
      {
        path: 'fields.0.key',
        where: 'Field 1 ("First day"), key',
        message:
          'Start the key with a letter and use only letters, digits and "_" (e.g. "start_date").',
      },
    ]);
  });

  it('rejects an unknown field type', () => {
    expect(
      errorsOf({
        ...w9,
        fields: [{ key: 'a', label: 'A', type: 'phone', required: false }],
        body: '',
      })[0]?.message,
    ).toBe('Choose a field type: text, date, email or number.');
  });

  it('rejects two fields with the same key', () => {
    const fields = [w9.fields[0], { ...w9.fields[1], key: 'fullName' }];
    expect(errorsOf({ ...w9, fields })[0]).toMatchObject({
      path: 'fields.1.key',
      message: 'The key "fullName" is already used by field 1. Give each field its own key.',
    });
  });

  it('rejects a placeholder in the text that no field provides', () => {
    expect(errorsOf({ ...w9, body: 'Signed by {{fullName}} on {{startDate}}.' })).toEqual([
      {
        path: 'body',
        where: 'Document text',
        message:
          'The text mentions {{startDate}} but no field has the key "startDate". Add that field or fix the placeholder.',
      },
    ]);
  });
});

describe('template versions', () => {
  const created = planTemplateCreate('tpl_w9', w9, '2026-01-05T09:00:00.000Z');
  if (!created.ok) throw new Error('W-9 should be valid');
  const template = created.template;

  it('creates a template with version 1 as its latest version', () => {
    expect(template).toMatchObject({
      id: 'tpl_w9',
      name: 'W-9',
      latestVersion: 1,
      updatedAt: '2026-01-05T09:00:00.000Z',
    });
    expect(template.versions.map((v) => v.version)).toEqual([1]);
  });

  it('appends an edit as a new version and leaves the earlier version untouched', () => {
    const edited = planTemplateEdit(
      template,
      {
        ...w9,
        name: 'W-9 (2026)',
        fields: [...w9.fields, { key: 'address', label: 'Address', type: 'text', required: false }],
      },
      '2026-02-01T10:00:00.000Z',
    );
    if (!edited.ok) throw new Error('edit should be valid');
    expect(edited.changed).toBe(true);
    expect(edited.template).toMatchObject({
      name: 'W-9 (2026)',
      latestVersion: 2,
      updatedAt: '2026-02-01T10:00:00.000Z',
    });
    expect(templateVersion(edited.template, 1)).toEqual(template.versions[0]);
    expect(latestTemplateVersion(edited.template).fields.map((f) => f.key)).toEqual([
      'fullName',
      'taxId',
      'address',
    ]);
    expect(latestTemplateVersion(edited.template).createdAt).toBe('2026-02-01T10:00:00.000Z');
  });

  it('adds no version when the edit changes nothing', () => {
    const edited = planTemplateEdit(template, w9, '2026-02-01T10:00:00.000Z');
    expect(edited.ok && edited.changed).toBe(false);
    expect(edited.ok && edited.template).toBe(template);
  });

  it('refuses an invalid edit with the errors and keeps the template as it was', () => {
    const edited = planTemplateEdit(template, { ...w9, name: '' }, '2026-02-01T10:00:00.000Z');
    expect(edited.ok).toBe(false);
    expect(template.versions).toHaveLength(1);
  });
});
