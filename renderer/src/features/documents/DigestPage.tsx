import { useMemo } from 'react';
import { planWeeklyDigests } from '../../../../shared/documents/digest';
import type { OverdueRenewal } from '../../../../shared/documents/overdue';
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
            reminders arrive individually. Renewals still unsigned after expiry are listed every
            week until they are signed.
          </p>
        </div>
      </header>
      <DocumentsTabs current="/documents/digest" />
      {!digests ? (
        <p className="empty">Loading…</p>
      ) : digests.length === 0 ? (
        <p className="card empty">
          Nothing for the digest in the next {WEEKS_AHEAD} weeks: no signed document reaches its 30-
          or 14-day reminder, and no renewal is waiting after expiry.
        </p>
      ) : (
        <div className="stack">
          {digests.map((d) => (
            <div key={d.id} className="card">
              <h2>Week of {d.weekOf}</h2>
              {d.overdue.length > 0 && <OverdueList overdue={d.overdue} />}
              {d.items.length > 0 && d.overdue.length > 0 && (
                <h3 className="section-subtitle">Expiring soon</h3>
              )}
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

/** Whether the worker may still be placed: in grace (until when), blocked, or expired only. */
function OverdueBadge({ overdue }: { overdue: OverdueRenewal }) {
  if (!overdue.blocking) return <span className="badge badge-later">Expired</span>;
  return overdue.state === 'grace' ? (
    <span className="badge badge-fortnight">In grace until {addDays(overdue.blockedFrom, -1)}</span>
  ) : (
    <span className="badge badge-overdue">Blocked</span>
  );
}

function overdueLine(o: OverdueRenewal): string {
  const ago = o.daysOverdue === 0 ? 'today' : `${o.daysOverdue} days ago`;
  const renewal = o.status === 'required' ? 'not opened yet' : `${o.status}, not signed`;
  return `Expired ${o.expiredOn} (${ago}) · renewal ${renewal} · reminded every ${o.everyDays} days`;
}

/** Renewals not signed after the document they renew expired: most overdue first. */
function OverdueList({ overdue }: { overdue: readonly OverdueRenewal[] }) {
  return (
    <>
      <h3 className="section-subtitle">Not renewed after expiry</h3>
      <ul className="list" aria-label="Renewals overdue">
        {overdue.map((o) => (
          <li key={o.instanceId}>
            <a href={`#${routes.instance(o.instanceId)}`}>
              <span className="worker-line">
                <strong>
                  {o.worker} — {o.document}
                </strong>
                <OverdueBadge overdue={o} />
              </span>
              <span className="subtle">{overdueLine(o)}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
