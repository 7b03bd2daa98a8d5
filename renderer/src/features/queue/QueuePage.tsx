import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { of } from 'rxjs';
import type { Renewal } from '../../../../shared/schema/renewal';
import { BUILT_IN_SERVICE_TYPES } from '../../../../shared/schema/renewal';
import {
  buildQueue,
  DAY_WINDOWS,
  URGENCY_LABELS,
  type DayWindow,
  type QueueFilters,
  type QueueRow,
  type Urgency,
} from '../../../../shared/renewals/queue';
import { isInProgress } from '../../../../shared/renewals/acknowledge';
import { isOpen } from '../../../../shared/renewals/refresh';
import { serviceTypeLabel } from '../../../../shared/renewals/service-types';
import { AcknowledgeDialog, type Acknowledgement } from '../renewals/AcknowledgeDialog';
import { AcknowledgementBadge } from '../renewals/AcknowledgementBadge';
import { CompleteRenewalDialog } from '../renewals/CompleteRenewalDialog';
import { useObservable, useServices, useToday } from '../shared/services';
import { useUi } from '../../store/ui-store';
import { useDirectory } from '../shared/use-directory';
import { UrgencyBadge } from '../shared/UrgencyBadge';
import './queue.css';

const ROW_HEIGHT = 56;
const FIRST_PAGE = 200;
const BUCKETS: Urgency[] = ['overdue', 'week', 'fortnight', 'month', 'quarter', 'later'];

export function QueuePage() {
  const { data } = useServices();
  const [completing, setCompleting] = useState<QueueRow | null>(null);
  const [acknowledging, setAcknowledging] = useState<{
    kind: Acknowledgement;
    row: QueueRow;
  } | null>(null);
  const filters = useUi((s) => s.filters);
  const setFilters = useUi((s) => s.setFilters);
  const navigate = useUi((s) => s.navigate);
  const today = useToday();
  const directory = useDirectory();
  const wantsClosed =
    filters.status === 'all' || filters.status === 'COMPLETED' || filters.status === 'CANCELLED';
  const open = useObservable(() => data.renewals.watchOpen(), [data]);
  const closed = useObservable(
    () => (wantsClosed ? data.renewals.watchClosed() : of<Renewal[]>([])),
    [data, wantsClosed],
  );

  // The full open list takes seconds at 100k renewals; the first page by index takes
  // milliseconds, so the queue shows that until the full list (and the counts) arrive.
  const [firstPage, setFirstPage] = useState<Renewal[]>();
  useEffect(() => {
    let live = true;
    void data.renewals.firstOpen(FIRST_PAGE).then((page) => live && setFirstPage(page));
    return () => {
      live = false;
    };
  }, [data]);

  const view = useMemo(() => {
    if (!today) return null;
    if (!open) {
      return firstPage && !wantsClosed
        ? { ...buildQueue(firstPage, filters, today, directory.customerName), partial: true }
        : null;
    }
    const all =
      wantsClosed && closed
        ? [...open, ...closed.filter((r) => r.status === 'COMPLETED' || r.status === 'CANCELLED')]
        : open;
    return { ...buildQueue(all, filters, today, directory.customerName), partial: false };
  }, [open, closed, firstPage, wantsClosed, filters, today, directory]);

  // The benchmark's contract: rows and counts are final (not a first page, names known).
  const final = view !== null && !view.partial && directory.loaded;

  const serviceTypes = useMemo(() => {
    const types = new Set<string>(BUILT_IN_SERVICE_TYPES);
    open?.forEach((r) => types.add(r.serviceType));
    return [...types];
  }, [open]);

  const scroller = useRef<HTMLDivElement>(null);
  const rows = view?.rows ?? [];
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const [active, setActive] = useState(0);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // Keys on a row's own controls (Complete, Open) belong to those controls.
    if (rows.length === 0 || (event.target as HTMLElement).closest('button, a')) return;
    const move = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      const next = Math.max(0, Math.min(rows.length - 1, active + move));
      setActive(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
      requestAnimationFrame(() =>
        scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus(),
      );
    } else if (event.key === 'Enter' && rows[active]) {
      navigate(`/renewals/${encodeURIComponent(rows[active].id)}`);
    }
  }

  return (
    <section className="page queue-page" aria-labelledby="queue-title">
      <header className="page-header">
        <div>
          <h1 id="queue-title">Renewals queue</h1>
          <p className="subtle">
            Every permit, policy and document across customers: overdue first, then by days until
            due.
          </p>
        </div>
        <a className="button button-primary" href="#/customers">
          + New renewal
        </a>
      </header>

      <div
        className="buckets"
        role="group"
        aria-label="Counts by urgency"
        data-counts-for={final ? countsKey(filters) : undefined}
      >
        {BUCKETS.map((bucket) => (
          <div key={bucket} className={`bucket bucket-${bucket}`}>
            <span className="bucket-count">
              {view && !view.partial ? view.counts[bucket].toLocaleString() : '–'}
            </span>
            <span className="bucket-label">{URGENCY_LABELS[bucket]}</span>
          </div>
        ))}
      </div>

      <Filters
        filters={filters}
        onChange={setFilters}
        serviceTypes={serviceTypes}
        staff={directory.office.staff}
      />

      <div
        className="queue-table"
        role="table"
        aria-label="Renewals"
        aria-rowcount={rows.length}
        data-rows-for={final ? rowsKey(filters) : undefined}
      >
        <div className="queue-row queue-head" role="row">
          <span role="columnheader">Urgency</span>
          <span role="columnheader">Customer or worker</span>
          <span role="columnheader">Service</span>
          <span role="columnheader">Due</span>
          <span role="columnheader">Assignee</span>
          <span role="columnheader">
            <span className="visually-hidden">Actions</span>
          </span>
        </div>
        <div
          ref={scroller}
          className="queue-body"
          tabIndex={-1}
          onKeyDown={onKeyDown}
          role="rowgroup"
        >
          {view === null || (view.partial && rows.length === 0) ? (
            <p className="empty">Loading renewals…</p>
          ) : rows.length === 0 ? (
            <p className="empty">
              {open && open.length === 0 && !wantsClosed
                ? 'No open renewals yet. Add a customer, then create their first renewal.'
                : 'No renewals match these filters. Widen the days window or clear the search.'}
            </p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = rows[item.index]!;
                return (
                  <div
                    key={row.id}
                    role="row"
                    data-index={item.index}
                    aria-rowindex={item.index + 1}
                    aria-selected={item.index === active}
                    tabIndex={item.index === active ? 0 : -1}
                    className={`queue-row urgency-${row.urgency}`}
                    style={{
                      position: 'absolute',
                      top: 0,
                      left: 0,
                      right: 0,
                      height: ROW_HEIGHT,
                      transform: `translateY(${item.start}px)`,
                    }}
                    onFocus={() => setActive(item.index)}
                    onDoubleClick={() => navigate(`/renewals/${encodeURIComponent(row.id)}`)}
                  >
                    <span role="cell">
                      <UrgencyBadge
                        urgency={row.urgency}
                        days={row.daysUntilDue}
                        status={row.status}
                      />
                    </span>
                    <span role="cell" className="cell-main">
                      <a href={`#/renewals/${encodeURIComponent(row.id)}`} tabIndex={-1}>
                        {row.customerName}
                      </a>
                      <RowNote row={row} today={today!} />
                    </span>
                    <span role="cell">{serviceTypeLabel(row.serviceType)}</span>
                    <span role="cell" className="mono">
                      {row.dueDate}
                    </span>
                    <span role="cell">{directory.staffName(row.assigneeId)}</span>
                    <span role="cell" className="cell-actions">
                      {isOpen(row) && (
                        <>
                          <button
                            type="button"
                            className="button button-small button-quiet"
                            onClick={() => setAcknowledging({ kind: 'snooze', row })}
                            aria-label={`Snooze ${serviceTypeLabel(row.serviceType)} for ${row.customerName}`}
                          >
                            Snooze
                          </button>
                          <button
                            type="button"
                            className="button button-small button-quiet"
                            onClick={() => setAcknowledging({ kind: 'in-progress', row })}
                            aria-label={`Mark ${serviceTypeLabel(row.serviceType)} for ${row.customerName} in progress`}
                          >
                            In progress
                          </button>
                        </>
                      )}
                      {row.documentId && isOpen(row) ? (
                        // A document renewal completes when the worker signs the new version.
                        <a
                          className="button button-small"
                          href={`#/documents/instances/${encodeURIComponent(row.documentId)}`}
                        >
                          Open
                        </a>
                      ) : (
                        isOpen(row) && (
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() => setCompleting(row)}
                            aria-label={`Complete ${serviceTypeLabel(row.serviceType)} for ${row.customerName}`}
                          >
                            Complete
                          </button>
                        )
                      )}
                    </span>
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
      {completing && (
        <CompleteRenewalDialog
          renewal={completing}
          customerName={completing.customerName}
          onClose={() => setCompleting(null)}
        />
      )}
      {acknowledging && (
        <AcknowledgeDialog
          kind={acknowledging.kind}
          renewal={acknowledging.row}
          customerName={acknowledging.row.customerName}
          onClose={() => setAcknowledging(null)}
        />
      )}
      <p className="subtle queue-foot" aria-live="polite">
        {view
          ? view.partial
            ? `Showing the ${view.total.toLocaleString()} most urgent; loading the rest…`
            : `${view.total.toLocaleString()} renewal${view.total === 1 ? '' : 's'} shown`
          : ''}
      </p>
    </section>
  );
}

/** `data-rows-for`: the filters the painted rows are final for (read by bench/suites/queue-ui). */
export function rowsKey(f: QueueFilters): string {
  return `${f.window}|${countsKey(f)}`;
}

/** `data-counts-for`: the filters every count shown is exact for (the window does not count). */
export function countsKey(f: QueueFilters): string {
  return `${f.serviceType}|${f.status}|${f.assigneeId}|${f.search}`;
}

/** Under the customer's name: why its reminders are paused, else the renewal's notes. */
function RowNote({ row, today }: { row: QueueRow; today: string }) {
  const note = isInProgress(row) ? row.inProgressNote : row.notes;
  return (
    <span className="cell-sub">
      <AcknowledgementBadge renewal={row} today={today} />
      {note && (
        <span className="subtle ellipsis" title={note}>
          {note}
        </span>
      )}
    </span>
  );
}

function Filters({
  filters,
  onChange,
  serviceTypes,
  staff,
}: {
  filters: QueueFilters;
  onChange: (patch: Partial<QueueFilters>) => void;
  serviceTypes: string[];
  staff: { id: string; name: string }[];
}) {
  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <label>
        Days window
        <select
          value={String(filters.window)}
          onChange={(e) =>
            onChange({
              window: (e.target.value === 'all' ? 'all' : Number(e.target.value)) as DayWindow,
            })
          }
        >
          {DAY_WINDOWS.map((w) => (
            <option key={w} value={w}>
              Next {w} days
            </option>
          ))}
          <option value="all">Any time</option>
        </select>
      </label>
      <label>
        Service type
        <select
          value={filters.serviceType}
          onChange={(e) => onChange({ serviceType: e.target.value })}
        >
          <option value="all">All services</option>
          {serviceTypes.map((t) => (
            <option key={t} value={t}>
              {serviceTypeLabel(t)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select
          value={filters.status}
          onChange={(e) => onChange({ status: e.target.value as QueueFilters['status'] })}
        >
          <option value="open">Open (active and overdue)</option>
          <option value="ACTIVE">Active</option>
          <option value="OVERDUE">Overdue</option>
          <option value="COMPLETED">Completed</option>
          <option value="CANCELLED">Cancelled</option>
          <option value="all">All</option>
        </select>
      </label>
      <label>
        Assignee
        <select
          value={filters.assigneeId}
          onChange={(e) => onChange({ assigneeId: e.target.value })}
        >
          <option value="all">Everyone</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        Search
        <input
          type="search"
          placeholder="Customer, notes, policy id…"
          value={filters.search}
          onChange={(e) => onChange({ search: e.target.value })}
        />
      </label>
    </form>
  );
}
