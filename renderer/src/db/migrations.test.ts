import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { documentTemplateSchema } from '../../../shared/schema/document-template';
import { notificationSchema } from '../../../shared/schema/notification';
import { renewalSchema } from '../../../shared/schema/renewal';
import { workerSchema } from '../../../shared/schema/worker';
import { openDatabase } from './database';

const T0 = '2026-01-01T00:00:00.000Z';

/** The version-0 schemas, as the app shipped them before these fields existed. */
function templateSchemaV0() {
  const schema = structuredClone(documentTemplateSchema) as unknown as {
    version: number;
    properties: {
      versions: { items: { properties: Record<string, unknown>; required: string[] } };
    };
  };
  schema.version = 0;
  const version = schema.properties.versions.items;
  delete version.properties.overdueReminderEveryDays;
  version.required = version.required.filter((k) => k !== 'overdueReminderEveryDays');
  return schema;
}

function workerSchemaV0() {
  const schema = structuredClone(workerSchema) as unknown as {
    version: number;
    properties: Record<string, unknown>;
    required: string[];
  };
  schema.version = 0;
  delete schema.properties.placements;
  schema.required = schema.required.filter((k) => k !== 'placements');
  return schema;
}

function notificationSchemaV0() {
  const schema = structuredClone(notificationSchema) as unknown as {
    version: number;
    properties: Record<string, unknown>;
    required: string[];
    indexes: string[];
  };
  schema.version = 0;
  delete schema.properties.digestDue;
  delete schema.properties.digestedAt;
  schema.required = schema.required.filter((k) => k !== 'digestDue' && k !== 'digestedAt');
  schema.indexes = ['deliveredAt'];
  return schema;
}

/** Renewals before snooze and in progress existed. */
function renewalSchemaV0() {
  const schema = structuredClone(renewalSchema) as unknown as {
    version: number;
    properties: Record<string, unknown>;
  };
  schema.version = 0;
  for (const field of [
    'snoozedUntil',
    'snoozeNote',
    'inProgressNote',
    'inProgressSince',
    'inProgressBy',
  ])
    delete schema.properties[field];
  return schema;
}

describe('opening a database written by the previous version', () => {
  it(
    'migrates version-0 templates, workers, notifications and renewals on RxDB',
    { timeout: 60_000 },
    async () => {
      const indexedDB = { indexedDB: new IDBFactory(), IDBKeyRange };
      const name = `nolapse-migration-${Math.random().toString(36).slice(2)}`;
      const old = await createRxDatabase({ name, storage: getRxStorageDexie(indexedDB) });
      await old.addCollections({
        templates: { schema: templateSchemaV0() as never },
        workers: { schema: workerSchemaV0() as never },
        notifications: { schema: notificationSchemaV0() as never },
        renewals: { schema: renewalSchemaV0() as never },
      });
      await old.collections.notifications!.insert({
        id: 'notif:evt_1',
        title: 'Maria Lopez: Work permit due in 30 days',
        body: 'Due on 2026-12-20.',
        route: '/renewals/ren_1',
        deliveredAt: T0,
        readAt: null,
      });
      await old.collections.renewals!.insert({
        id: 'ren_1',
        customerId: 'cus_1',
        serviceType: 'RESIDENCE_PERMIT',
        dueDate: '2026-03-15',
        status: 'ACTIVE',
        stage: 'T30',
        nextStageOn: '2026-03-01',
        assigneeId: 'ayse',
        notes: '',
        complianceFlag: false,
        createdAt: T0,
        updatedAt: T0,
      });
      await old.collections.templates!.insert({
        id: 'tpl_w9',
        name: 'W-9',
        latestVersion: 1,
        versions: [
          {
            version: 1,
            name: 'W-9',
            fields: [],
            body: '',
            renewalModel: { kind: 'calendar', renewalMonth: 12, renewalDay: 31 },
            reminderDaysBefore: [30, 14, 7, 1],
            gracePeriodDays: 7,
            blocking: true,
            createdAt: T0,
          },
        ],
        createdAt: T0,
        updatedAt: T0,
      });
      await old.collections.workers!.insert({
        id: 'wrk_1',
        fullName: 'Maria Lopez',
        active: true,
        profile: { fullName: 'Maria Lopez' },
        createdAt: T0,
        updatedAt: T0,
      });
      await old.close();

      const db = await openDatabase({ name, indexedDB, devMode: true });
      try {
        const template = (await db.templates.findOne('tpl_w9').exec())!.toJSON();
        expect(template.versions[0]).toMatchObject({ version: 1, overdueReminderEveryDays: 7 });
        const worker = (await db.workers.findOne('wrk_1').exec())!.toJSON();
        expect(worker).toMatchObject({ fullName: 'Maria Lopez', placements: [] });
        // The migrated records are current: a placement can be saved on the worker.
        await db.workers
          .findOne('wrk_1')
          .exec()
          .then((doc) =>
            doc!.incrementalPatch({
              placements: [
                {
                  id: 'plc_1',
                  jobTitle: 'Picker',
                  startDate: '2026-02-01',
                  placedAt: T0,
                  compliance: 'valid',
                },
              ],
            }),
          );
        expect((await db.workers.findOne('wrk_1').exec())!.placements).toHaveLength(1);
        // Notifications delivered before digests existed wait for none; unread is '' (v4).
        const delivered = (await db.notifications.findOne('notif:evt_1').exec())!.toJSON();
        expect(delivered).toMatchObject({ readAt: '', digestDue: '', digestedAt: null });
        expect(await db.notifications.count({ selector: { readAt: '' } }).exec()).toBe(1);
        const waiting = await db.notifications
          .find({ selector: { digestDue: { $gt: '' } } })
          .exec();
        expect(waiting).toHaveLength(0);
        // A version-0 renewal is neither snoozed nor in progress, and can be snoozed now.
        const renewal = (await db.renewals.findOne('ren_1').exec())!;
        expect(renewal.toJSON()).toMatchObject({ stage: 'T30', nextStageOn: '2026-03-01' });
        expect(renewal.toJSON()).not.toHaveProperty('snoozedUntil');
        await renewal.incrementalPatch({ snoozedUntil: '2026-02-20', snoozeNote: 'Waiting' });
        expect((await db.renewals.findOne('ren_1').exec())!.snoozedUntil).toBe('2026-02-20');
      } finally {
        await db.close();
      }
    },
  );
});
