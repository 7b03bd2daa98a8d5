import type { Feature } from '../shared/feature';
import { AssignPage } from './AssignPage';
import { CompliancePage } from './CompliancePage';
import { DigestPage } from './DigestPage';
import { InstancePage } from './InstancePage';
import { TemplatePage, TemplatesPage } from './TemplatesPage';
import { WorkerPage } from './WorkerPage';
import { WorkersPage } from './WorkersPage';
import './documents.css';

function page(parts: string[]) {
  if (parts[0] !== 'documents') return null;
  const [, section, rawId] = parts;
  const id = rawId ? decodeURIComponent(rawId) : undefined;
  switch (section) {
    case undefined:
    case 'workers':
      return id ? <WorkerPage key={id} workerId={id} /> : <WorkersPage />;
    case 'templates':
      return id ? <TemplatePage key={id} templateId={id} /> : <TemplatesPage />;
    case 'instances':
      return id ? <InstancePage key={id} instanceId={id} /> : <WorkersPage />;
    case 'assign':
      return <AssignPage />;
    case 'compliance':
      return <CompliancePage />;
    case 'digest':
      return <DigestPage />;
    default:
      return <WorkersPage />;
  }
}

/** Compliance documents: workers, templates, signing and automatic renewal. */
export const documentsFeature: Feature = {
  nav: [{ route: '/documents', label: 'Documents' }],
  page,
};
