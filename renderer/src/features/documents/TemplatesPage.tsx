import { draftOf, latestTemplateVersion } from '../../../../shared/documents/template';
import type { DocumentTemplate, RenewalModel } from '../../../../shared/schema/document-template';
import { useObservable, useServices } from '../shared/services';
import { useUi } from '../../store/ui-store';
import { DocumentsTabs } from './DocumentsTabs';
import { formOf, TemplateForm } from './TemplateForm';
import { useDocuments, useDocumentsState } from './use-documents';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function describeModel(model: RenewalModel): string {
  switch (model.kind) {
    case 'none':
      return 'Never expires';
    case 'calendar':
      return `Renews every ${MONTHS[model.renewalMonth - 1]} ${model.renewalDay}`;
    case 'signature':
      return `Valid ${model.renewalDurationMonths} month${model.renewalDurationMonths === 1 ? '' : 's'} after signing`;
  }
}

export function templateRoute(id: string): string {
  return `/documents/templates/${encodeURIComponent(id)}`;
}

function summary(template: DocumentTemplate): string {
  const v = latestTemplateVersion(template);
  return [
    `Version ${v.version}`,
    describeModel(v.renewalModel),
    v.gracePeriodDays ? `${v.gracePeriodDays} days grace` : 'no grace',
    v.blocking ? 'blocking' : null,
    v.renewalModel.kind === 'none'
      ? null
      : `reminded every ${v.overdueReminderEveryDays} days after expiry`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** All templates and the form that creates one. */
export function TemplatesPage() {
  const docs = useDocuments();
  const state = useDocumentsState();
  const navigate = useUi((s) => s.navigate);
  const toast = useUi((s) => s.toast);
  return (
    <section className="page" aria-labelledby="templates-title">
      <header className="page-header">
        <div>
          <h1 id="templates-title">Templates</h1>
          <p className="subtle">
            Editing a template saves a new version: signed documents keep theirs, renewals use the
            latest.
          </p>
        </div>
      </header>
      <DocumentsTabs current="/documents/templates" />
      <div className="two-columns">
        {state && (
          <TemplateForm
            title="New template"
            submitLabel="Create template"
            today={state.today}
            onSave={async (draft) => {
              const result = await docs.createTemplate(draft);
              if (result.ok) {
                toast('info', `Template "${result.value.template.name}" created.`);
                navigate('/documents/templates');
              }
              return result;
            }}
          />
        )}
        <div className="card">
          <h2>Templates</h2>
          {!state ? (
            <p className="empty">Loading…</p>
          ) : state.templates.length === 0 ? (
            <p className="empty">No templates yet. Create the first one with the form.</p>
          ) : (
            <ul className="list" aria-label="Templates">
              {state.templates.map((t) => (
                <li key={t.id}>
                  <a href={`#${templateRoute(t.id)}`}>
                    <strong>{t.name}</strong>
                    <span className="subtle">{summary(t)}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

/** One template: its version history, and the form that saves the next version. */
export function TemplatePage({ templateId }: { templateId: string }) {
  const docs = useDocuments();
  const state = useDocumentsState();
  const toast = useUi((s) => s.toast);
  const { data } = useServices();
  const template = useObservable(() => data.templates.watch(templateId), [data, templateId]);
  if (template === undefined || !state) return <p className="empty">Loading template…</p>;
  if (template === null)
    return (
      <p className="empty">
        This template does not exist. <a href="#/documents/templates">Back to templates</a>
      </p>
    );
  const latest = latestTemplateVersion(template);
  return (
    <section className="page" aria-labelledby="template-title">
      <header className="page-header">
        <div>
          <p className="crumbs">
            <a href="#/documents/templates">Templates</a> /
          </p>
          <h1 id="template-title">{template.name}</h1>
          <p className="subtle">{summary(template)}</p>
        </div>
      </header>
      <DocumentsTabs current="" />
      <div className="two-columns">
        <TemplateForm
          key={template.latestVersion}
          title="Edit as a new version"
          submitLabel="Save as new version"
          initial={formOf(draftOf(latest))}
          today={state.today}
          onSave={async (draft) => {
            const result = await docs.editTemplate(template.id, draft);
            if (result.ok)
              toast(
                'info',
                result.value.changed
                  ? `Saved as version ${result.value.template.latestVersion}. Signed documents keep their version.`
                  : 'Nothing changed, so no new version was saved.',
              );
            return result;
          }}
        />
        <div className="card">
          <h2>Versions</h2>
          <ol className="list" aria-label="Versions">
            {[...template.versions].reverse().map((v) => (
              <li key={v.version}>
                <strong>
                  Version {v.version}
                  {v.version === template.latestVersion ? ' (latest)' : ''}
                </strong>
                <div className="subtle">
                  {v.createdAt.slice(0, 10)} · {describeModel(v.renewalModel)} ·{' '}
                  {v.fields.length
                    ? `Fields: ${v.fields.map((f) => f.label).join(', ')}`
                    : 'No fields'}
                </div>
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}
