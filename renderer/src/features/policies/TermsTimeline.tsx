import { latestTerm, type Policy, type Term } from '../../../../shared/policies/model';
import { formatLocalDateTime, instantAtLocal } from '../../../../shared/time';
import { useToday } from '../shared/services';
import { officeTime } from './policy-ui';

const DAY_MS = 86_400_000;

type Segment =
  | { kind: 'term'; term: Term; start: number; end: number }
  | { kind: 'gap'; start: number; end: number };

/** The policy's terms on one bar, gaps visible, today marked. */
export function TermsTimeline({ policy, timeZone }: { policy: Policy; timeZone: string }) {
  const today = useToday();
  const terms = [...policy.terms].sort((a, b) => a.termNumber - b.termNumber);
  const segments: Segment[] = [];
  terms.forEach((term, i) => {
    const previous = terms[i - 1];
    if (previous && term.startTime > previous.endTime)
      segments.push({
        kind: 'gap',
        start: Date.parse(previous.endTime),
        end: Date.parse(term.startTime),
      });
    segments.push({
      kind: 'term',
      term,
      start: Date.parse(term.startTime),
      end: Date.parse(term.endTime),
    });
  });
  const from = segments[0]!.start;
  const to = segments[segments.length - 1]!.end;
  const span = Math.max(to - from, 1);
  const pct = (ms: number) => `${(((ms - from) / span) * 100).toFixed(3)}%`;
  const todayMs = today ? Date.parse(instantAtLocal(today, timeZone)) : null;
  const latest = latestTerm(policy).termNumber;
  const cancelledAt = policy.cancellation ? Date.parse(policy.cancellation.effectiveTime) : null;
  return (
    <div className="card" aria-labelledby="terms-title">
      <h2 id="terms-title">Terms</h2>
      <div className="pol-bar" aria-hidden>
        {segments.map((s) => (
          <div
            key={s.kind === 'term' ? `t${s.term.termNumber}` : `g${s.start}`}
            className={`pol-seg pol-seg-${s.kind}${s.kind === 'term' && s.term.termNumber === latest ? ' pol-seg-latest' : ''}`}
            style={{ left: pct(s.start), width: `calc(${pct(s.end)} - ${pct(s.start)})` }}
          >
            {s.kind === 'term' ? `Term ${s.term.termNumber}` : 'Gap'}
          </div>
        ))}
        {cancelledAt !== null && cancelledAt >= from && cancelledAt <= to && (
          <div
            className="pol-cancelled-span"
            style={{ left: pct(cancelledAt), right: 0 }}
            title={`Cancelled from ${policy.cancellation?.effectiveDate ?? ''}`}
          />
        )}
        {todayMs !== null && todayMs >= from && todayMs <= to && (
          <div className="pol-today" style={{ left: pct(todayMs) }} title={`Today ${today}`} />
        )}
      </div>
      <ol className="list pol-terms" aria-label="Terms">
        {segments.map((s) =>
          s.kind === 'term' ? (
            <li key={`t${s.term.termNumber}`}>
              <strong>Term {s.term.termNumber}</strong>
              <span className="mono">
                {officeTime(s.term.startTime, timeZone)} → {officeTime(s.term.endTime, timeZone)}
              </span>
              {s.term.termNumber === latest && <span className="badge badge-month">Current</span>}
            </li>
          ) : (
            <li key={`g${s.start}`} className="pol-gap">
              <strong>Gap</strong>
              <span className="mono">
                {formatLocalDateTime(new Date(s.start).toISOString(), timeZone)} →{' '}
                {formatLocalDateTime(new Date(s.end).toISOString(), timeZone)}
              </span>
              <span>{Math.round((s.end - s.start) / DAY_MS)} days not covered by any term</span>
            </li>
          ),
        )}
        {policy.cancellation && (
          <li className="pol-cancelled-note">
            <strong>Cancelled</strong>
            <span className="mono">from {policy.cancellation.effectiveDate}</span>
            <span>no cover from then on unless the policy is reinstated</span>
          </li>
        )}
      </ol>
    </div>
  );
}
