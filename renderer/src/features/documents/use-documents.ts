import { useMemo } from 'react';
import { workerCompliance, type WorkerCompliance } from '../../../../shared/documents/sweep';
import type { DocumentInstance } from '../../../../shared/schema/document-instance';
import type { DocumentTemplate } from '../../../../shared/schema/document-template';
import type { Worker } from '../../../../shared/schema/worker';
import { useObservable, useServices, useToday } from '../../app/services';
import { createDocumentsEngine, type DocumentsEngine } from '../../engine/documents';

/** The documents engine for this app's services (one per database). */
export function useDocuments(): DocumentsEngine {
  const { data, engine } = useServices();
  return useMemo(() => createDocumentsEngine({ data, engine }), [data, engine]);
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
  const docs = useDocuments();
  const today = useToday();
  const workers = useObservable(() => docs.data.workers.watchAll(), [docs]);
  const templates = useObservable(() => docs.data.templates.watchAll(), [docs]);
  const instances = useObservable(() => docs.data.instances.watchAll(), [docs]);
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
