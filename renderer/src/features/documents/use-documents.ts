import { useMemo } from 'react';
import { workerCompliance, type WorkerCompliance } from '../../../../shared/documents/sweep';
import type { DocumentInstance } from '../../../../shared/schema/document-instance';
import type { DocumentTemplate } from '../../../../shared/schema/document-template';
import type { Worker } from '../../../../shared/schema/worker';
import { useObservable, useServices, useToday } from '../shared/services';

/** The document operations (assign, open, sign, …), each happening when it is called. */
export function useDocuments() {
  return useServices().jobs.documents;
}

export type DocumentsState = {
  workers: Worker[];
  templates: DocumentTemplate[];
  instances: DocumentInstance[];
  today: string;
  compliance(workerId: string): WorkerCompliance;
  templateName(templateId: string): string;
};

/** Everything the admin screens show, live; undefined while loading. */
export function useDocumentsState(): DocumentsState | undefined {
  const { data } = useServices();
  const today = useToday();
  const workers = useObservable(() => data.workers.watchAll(), [data]);
  const templates = useObservable(() => data.templates.watchAll(), [data]);
  const instances = useObservable(() => data.instances.watchQuery(), [data]);
  return useMemo(() => {
    if (!workers || !templates || !instances || !today) return undefined;
    const cache = new Map<string, WorkerCompliance>();
    const names = new Map(templates.map((t) => [t.id, t.name]));
    return {
      workers,
      templates,
      instances,
      today,
      compliance(workerId: string) {
        let found = cache.get(workerId);
        if (!found) {
          found = workerCompliance({ id: workerId }, instances, templates, today);
          cache.set(workerId, found);
        }
        return found;
      },
      templateName: (id: string) => names.get(id) ?? 'Unknown template',
    };
  }, [workers, templates, instances, today]);
}
