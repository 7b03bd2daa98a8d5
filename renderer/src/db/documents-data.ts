import { map, type Observable } from 'rxjs';
import type { DocumentInstance } from '../../../shared/schema/document-instance';
import type { DocumentTemplate } from '../../../shared/schema/document-template';
import type { Worker } from '../../../shared/schema/worker';
import type { NoLapseDatabase } from './database';
import { insertMissing, json, upsertAll } from './writes';

/** Workers, templates and document instances as plain records and observables. */
export function documentsData(db: NoLapseDatabase) {
  return {
    workers: {
      async get(id: string): Promise<Worker | null> {
        return ((await db.workers.findOne(id).exec())?.toJSON() as Worker | undefined) ?? null;
      },
      async all(): Promise<Worker[]> {
        return json(await db.workers.find({ sort: [{ fullName: 'asc' }] }).exec()) as Worker[];
      },
      async byIds(ids: readonly string[]): Promise<Worker[]> {
        const found = await db.workers.findByIds([...new Set(ids)]).exec();
        return [...found.values()].map((d) => d.toJSON() as Worker);
      },
      insert: (records: readonly Worker[]) => insertMissing(db.workers, records, 'the worker'),
      upsert: (records: readonly Worker[]) => upsertAll(db.workers, records, 'the worker'),
      watchAll(): Observable<Worker[]> {
        return db.workers
          .find({ sort: [{ fullName: 'asc' }] })
          .$.pipe(map((docs) => json(docs) as Worker[]));
      },
      watch(id: string): Observable<Worker | null> {
        return db.workers.findOne(id).$.pipe(map((doc) => (doc?.toJSON() as Worker) ?? null));
      },
    },
    templates: {
      async get(id: string): Promise<DocumentTemplate | null> {
        return (
          ((await db.templates.findOne(id).exec())?.toJSON() as DocumentTemplate | undefined) ??
          null
        );
      },
      async all(): Promise<DocumentTemplate[]> {
        return json(
          await db.templates.find({ sort: [{ name: 'asc' }] }).exec(),
        ) as DocumentTemplate[];
      },
      insert: (records: readonly DocumentTemplate[]) =>
        insertMissing(db.templates, records, 'the template'),
      upsert: (records: readonly DocumentTemplate[]) =>
        upsertAll(db.templates, records, 'the template'),
      watchAll(): Observable<DocumentTemplate[]> {
        return db.templates
          .find({ sort: [{ name: 'asc' }] })
          .$.pipe(map((docs) => json(docs) as DocumentTemplate[]));
      },
      watch(id: string): Observable<DocumentTemplate | null> {
        return db.templates
          .findOne(id)
          .$.pipe(map((doc) => (doc?.toJSON() as DocumentTemplate) ?? null));
      },
    },
    instances: {
      async get(id: string): Promise<DocumentInstance | null> {
        return (
          ((await db.instances.findOne(id).exec())?.toJSON() as DocumentInstance | undefined) ??
          null
        );
      },
      /** A worker's instances of one template (the [workerId, templateId] index). */
      async ofWorkerAndTemplate(workerId: string, templateId: string): Promise<DocumentInstance[]> {
        return json(
          await db.instances.find({ selector: { workerId, templateId } }).exec(),
        ) as DocumentInstance[];
      },
      async ofWorkers(workerIds: readonly string[]): Promise<DocumentInstance[]> {
        if (workerIds.length === 0) return [];
        return json(
          await db.instances
            .find({ selector: { workerId: { $in: [...new Set(workerIds)] } } })
            .exec(),
        ) as DocumentInstance[];
      },
      /** Signed, unexpired instances: the only ones the daily sweep can change ([status, id] index). */
      async completed(): Promise<DocumentInstance[]> {
        return json(
          await db.instances
            .find({ selector: { status: 'completed' }, sort: [{ status: 'asc' }, { id: 'asc' }] })
            .exec(),
        ) as DocumentInstance[];
      },
      insert: (records: readonly DocumentInstance[]) =>
        insertMissing(db.instances, records, 'the document'),
      upsert: (records: readonly DocumentInstance[]) =>
        upsertAll(db.instances, records, 'the document'),
      watchAll(): Observable<DocumentInstance[]> {
        return db.instances.find().$.pipe(map((docs) => json(docs) as DocumentInstance[]));
      },
      watchOfWorker(workerId: string): Observable<DocumentInstance[]> {
        return db.instances
          .find({ selector: { workerId }, sort: [{ workerId: 'asc' }, { templateId: 'asc' }] })
          .$.pipe(map((docs) => json(docs) as DocumentInstance[]));
      },
      watch(id: string): Observable<DocumentInstance | null> {
        return db.instances
          .findOne(id)
          .$.pipe(map((doc) => (doc?.toJSON() as DocumentInstance) ?? null));
      },
    },
  };
}

export type DocumentsData = ReturnType<typeof documentsData>;
