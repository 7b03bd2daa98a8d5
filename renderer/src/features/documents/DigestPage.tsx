import { useMemo } from 'react';
import { planWeeklyDigests } from '../../../../shared/documents/digest';
import { weekOf } from '../../../../shared/documents/week';
import { addDays } from '../../../../shared/time';
import { routes } from '../../../../shared/routes';
import { DocumentsTabs } from './DocumentsTabs';
import { useDocumentsState } from './use-documents';

const WEEKS_AHEAD = 8;

/** The admins' weekly digest of 30- and 14-day reminders: this week and the coming ones. */
export function DigestPage() {
  const state = useDocumentsState();
  const digests = useMemo(() => {
    if (!state) return undefined;
    const from = weekOf(state.today);
    return planWeeklyDigests({
      ...state,
      from,
      until: addDays(from, WEEKS_AHEAD * 7 - 1),
    });
  }, [state]);
  return (
    <section className="page" aria-labelledby="digest-title">
      <header className="page-header">
        <div>
          <h1 id="digest-title">Weekly digest preview</h1>
          <p className="subtle">
            Admins get the 30- and 14-day reminders once a week in this digest; 7- and 1-day
            reminders arrive individually.
          </p>
        </div>
      </header>
      <DocumentsTabs current="/documents/digest" />
      {!digests ? (
        <p className="empty">Loading…</p>
      ) : digests.length === 0 ? (
        <p className="card empty">
          Nothing for the digest in the next {WEEKS_AHEAD} weeks: no signed document reaches its 30-
          or 14-day reminder.
        </p>
      ) : (
        <div className="stack">
          {digests.map((d) => (
            <div key={d.id} className="card">
              <h2>Week of {d.weekOf}</h2>
              <ul className="list" aria-label={`Digest for the week of ${d.weekOf}`}>
                {d.items.map((item) => (
                  <li key={`${item.instanceId}:${item.daysBefore}`}>
                    <a href={`#${routes.instance(item.instanceId)}`}>
                      <strong>
                        {item.worker} — {item.document}
                      </strong>
                      <span className="subtle">
                        Expires {item.expiresOn} · {item.daysBefore}-day reminder on {item.remindOn}
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
