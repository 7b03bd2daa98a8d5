import { describe, expect, it } from 'vitest';
import { documentTemplateSchema } from './document-template.js';
import { MIGRATIONS } from './migrations.js';
import { workerSchema } from './worker.js';

describe('schema migrations', () => {
  it('has a step for every version of the template and worker schemas', () => {
    expect(Object.keys(MIGRATIONS.templates ?? {}).map(Number)).toEqual([
      documentTemplateSchema.version,
    ]);
    expect(Object.keys(MIGRATIONS.workers ?? {}).map(Number)).toEqual([workerSchema.version]);
  });

  it('gives every version of a version-0 template reminders every 7 days after expiry', () => {
    const v0 = {
      id: 'tpl_w9',
      name: 'W-9',
      latestVersion: 2,
      versions: [
        { version: 1, name: 'W-9', blocking: true },
        { version: 2, name: 'W-9', blocking: false },
      ],
    };
    expect(MIGRATIONS.templates![1]!(v0)).toEqual({
      ...v0,
      versions: [
        { version: 1, name: 'W-9', blocking: true, overdueReminderEveryDays: 7 },
        { version: 2, name: 'W-9', blocking: false, overdueReminderEveryDays: 7 },
      ],
    });
  });

  it('gives a version-0 worker an empty list of placements', () => {
    const v0 = { id: 'wrk_1', fullName: 'Maria Lopez', active: true, profile: {} };
    expect(MIGRATIONS.workers![1]!(v0)).toEqual({ ...v0, placements: [] });
  });
});
