import type { DocumentInstance } from '../../../../shared/schema/document-instance';
import type { DocumentTemplate } from '../../../../shared/schema/document-template';
import type { Worker } from '../../../../shared/schema/worker';

const PREFIX = '/worker/';

/** The worker view of `workerId` (kiosk style), optionally opened on one of their documents. */
export function workerViewRoute(workerId: string, instanceId?: string): string {
  return `${PREFIX}${encodeURIComponent(workerId)}${instanceId ? `/${encodeURIComponent(instanceId)}` : ''}`;
}

/** The worker and document a worker-view route names, or null for any other route. */
export function workerViewOf(route: string): { workerId: string; instanceId?: string } | null {
  if (!route.startsWith(PREFIX)) return null;
  const [workerId, instanceId] = route.slice(PREFIX.length).split('/');
  if (!workerId) return null;
  return instanceId
    ? { workerId: decodeURIComponent(workerId), instanceId: decodeURIComponent(instanceId) }
    : { workerId: decodeURIComponent(workerId) };
}

export type WorkerViewState = {
  worker: Worker;
  instances: DocumentInstance[];
  templates: DocumentTemplate[];
  today: string;
};
