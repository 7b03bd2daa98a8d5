import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { combineLatest, firstValueFrom } from 'rxjs';
import { BUILT_IN_SERVICE_TYPES } from '../../../../shared/schema/renewal';
import {
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
import { useServices, useToday } from '../shared/services';
import { useUi } from '../../store/ui-store';
import { useOffice } from '../shared/use-directory';
import { UrgencyBadge } from '../shared/UrgencyBadge';
import { useIndexedQueue, useSearchQueue } from './use-queue';
import './queue.css';

const ROW_HEIGHT = 56;
/** Rows read beyond those rendered, either way. */
const READ_AHEAD = 12;
const BUCKETS: Urgency[] = ['overdue', 'week', 'fortnight', 'month', 'quarter', 'later'];

/**
 * The renewals queue (issue #12): rows, counts and filters are read by index, so the screen
 * costs what it shows, not the office's size. Without a search, the rows on screen come in
 * keyset pages and the counts are index counts (renderer/src/db/queue.ts); a search finds
 * customers and workers in its own index of name words and reads their renewals (use-queue.ts).
 */
export function QueuePage() {
  const { data } = useServices();
  const reader = data.renewals.queue;
  const [completing, setCompleting] = useState<QueueRow | null>(null);
  const [acknowledging, setAcknowledging] = useState<{
    kind: Acknowledgement;
    row: QueueRow;
  } | null>(null);
  const filters = useUi((s) => s.filters);
  const setFilters = useUi((s) => s.setFilters);
  const navigate = useUi((s) => s.navigate);
  const today = useToday();
  const { office } = useOffice();
  const staffNames = useMemo(() => new Map(office.staff.map((s) => [s.id, s.name])), [office]);
  const staffName = (id: string) => staffNames.get(id) ?? id;
  const searching = filters.search.trim() !== '';
  const indexed = useIndexedQueue(reader, filters, today, !searching);
  const searched = useSearchQueue(reader, filters, today, searching);
  const model = searching ? searched : indexed;
  const total = model.total ?? 0;

  const [foundTypes, setFoundTypes] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void reader
      .serviceTypes(['OVERDUE', 'ACTIVE', 'COMPLETED', 'CANCELLED'])
      .then((types) => live && setFoundTypes(types));
    return () => {
      live = false;
    };
  }, [reader]);
  const serviceTypes = useMemo(() => {
    const types = new Set<string>(BUILT_IN_SERVICE_TYPES);
    foundTypes.forEach((t) => types.add(t));
    if (filters.serviceType !== 'all') types.add(filters.serviceType);
    return [...types];
  }, [foundTypes, filters.serviceType]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    // Few rows beyond the screen: each one is laid out and painted on every scroll frame.
    overscan: 4,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  const { request } = model;
  // After every render: asks only for pages on screen or within READ_AHEAD rows of it not read
  // since the last change (cheap), so a scroll finds its next rows read before it gets there.
  useEffect(() => request(Math.max(0, first - READ_AHEAD), Math.min(total - 1, last + READ_AHEAD)));

  // Names of the customers and workers on screen only (never every customer).
  const shown: QueueRow[] = [];
  for (let i = first; i <= last; i++) {
    const row = model.rowAt(i);
    if (row) shown.push(row);
  }
  const names = useNames(searching ? [] : shown.map((r) => r.customerId));
  const nameOf = (row: QueueRow) =>
    searching ? row.customerName : (names.get(row.customerId) ?? '…');

  const [active, setActive] = useState(0);
  // Stable across renders, so a row re-renders only when its own data, name or place changes:
  // scrolling then renders the rows that come into view, not every row on screen.
  const rowActions = useMemo<RowActions>(
    () => ({
      complete: setCompleting,
      acknowledge: (kind, row) => setAcknowledging({ kind, row }),
      focus: setActive,
      open: (id) => navigate(`/renewals/${encodeURIComponent(id)}`),
    }),
    [navigate],
  );
  const rowsFinal =
    model.total !== undefined &&
    (total === 0
      ? model.ready(0, -1)
      : items.length > 0 &&
        model.ready(first, last) &&
        (searching || shown.every((r) => names.known(r.customerId))));
  const countsFinal = model.counts !== undefined;

  const nothingOpen =
    !searching &&
    filters.status === 'open' &&
    filters.serviceType === 'all' &&
    filters.assigneeId === 'all' &&
    model.counts !== undefined &&
    BUCKETS.every((b) => model.counts![b] === 0);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // Keys on a row's own controls (Complete, Open) belong to those controls.
    if (total === 0 || (event.target as HTMLElement).closest('button, a')) return;
    const move = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      const next = Math.max(0, Math.min(total - 1, active + move));
      setActive(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
      requestAnimationFrame(() =>
        scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus(),
      );
    } else if (event.key === 'Enter') {
      const row = model.rowAt(active);
      if (row) navigate(`/renewals/${encodeURIComponent(row.id)}`);
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
        data-counts-for={countsFinal ? countsKey(filters) : undefined}
      >
        {BUCKETS.map((bucket) => (
          <div key={bucket} className={`bucket bucket-${bucket}`}>
            <span className="bucket-count">
              {model.counts ? model.counts[bucket].toLocaleString() : '–'}
            </span>
            <span className="bucket-label">{URGENCY_LABELS[bucket]}</span>
          </div>
        ))}
      </div>

      <Filters
        filters={filters}
        onChange={setFilters}
        serviceTypes={serviceTypes}
        staff={office.staff}
        searching={searching}
      />

      <div
        className="queue-table"
        role="table"
        aria-label="Renewals"
        aria-rowcount={model.totalKnown ? total : -1}
        data-rows-for={rowsFinal ? rowsKey(filters) : undefined}
      >
        <div className="queue-row queue-head" role="row">
          <span role="columnheader" className="cell-urgency">
            Urgency
          </span>
          <span role="columnheader" className="cell-main">
            Customer or worker
          </span>
          <span role="columnheader" className="cell-service">
            Service
          </span>
          <span role="columnheader" className="cell-due">
            Due
          </span>
          <span role="columnheader" className="cell-assignee">
            Assignee
          </span>
          <span role="columnheader" className="cell-actions">
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
          {model.total === undefined ? (
            <p className="empty">Loading renewals…</p>
          ) : total === 0 ? (
            <p className="empty">
              {nothingOpen
                ? 'No open renewals yet. Add a customer, then create their first renewal.'
                : 'No renewals match these filters. Widen the days window or clear the search.'}
            </p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const raw = model.rowAt(item.index);
                if (!raw) {
                  return (
                    <div
                      key={`pending-${item.index}`}
                      role="row"
                      data-index={item.index}
                      aria-rowindex={item.index + 1}
                      aria-busy="true"
                      className="queue-row queue-row-pending"
                      style={rowPlace(item.start)}
                    >
                      <span role="cell" className="subtle">
                        …
                      </span>
                    </div>
                  );
                }
                return (
                  <QueueRowView
                    key={raw.id}
                    row={raw}
                    customerName={nameOf(raw)}
                    assigneeName={staffName(raw.assigneeId)}
                    index={item.index}
                    start={item.start}
                    selected={item.index === active}
                    today={today!}
                    actions={rowActions}
                  />
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
        {model.total === undefined
          ? ''
          : model.totalKnown
            ? `${total.toLocaleString()} renewal${total === 1 ? '' : 's'} shown`
            : `${(total - 1).toLocaleString()} renewals so far; counting the rest…`}
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

/** Where a row of the virtualised table sits: `start` px from the top of the body. */
function rowPlace(start: number) {
  return {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    height: ROW_HEIGHT,
    transform: `translateY(${start}px)`,
  } as const;
}

interface RowActions {
  complete(row: QueueRow): void;
  acknowledge(kind: Acknowledgement, row: QueueRow): void;
  focus(index: number): void;
  open(id: string): void;
}

/** One renewal in the table, placed at `start` px; memoised (see `rowActions`). */
const QueueRowView = memo(function QueueRowView({
  row: raw,
  customerName,
  assigneeName,
  index,
  start,
  selected,
  today,
  actions,
}: {
  row: QueueRow;
  customerName: string;
  assigneeName: string;
  index: number;
  start: number;
  selected: boolean;
  today: string;
  actions: RowActions;
}) {
  const row = { ...raw, customerName };
  const service = serviceTypeLabel(row.serviceType);
  const open = isOpen(row);
  return (
    <div
      role="row"
      data-index={index}
      aria-rowindex={index + 1}
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      className={`queue-row urgency-${row.urgency}`}
      style={rowPlace(start)}
      onFocus={() => actions.focus(index)}
      onDoubleClick={() => actions.open(row.id)}
    >
      <span role="cell" className="cell-urgency">
        <UrgencyBadge urgency={row.urgency} days={row.daysUntilDue} status={row.status} />
      </span>
      <span role="cell" className="cell-main">
        <a
          href={`#/renewals/${encodeURIComponent(row.id)}`}
          tabIndex={-1}
          className="ellipsis"
          title={customerName}
        >
          {customerName}
        </a>
        <RowNote row={row} today={today} />
      </span>
      <TextCell column="service" text={service} />
      <span role="cell" className="cell-due mono">
        {row.dueDate}
      </span>
      <TextCell column="assignee" text={assigneeName} />
      <span role="cell" className="cell-actions">
        {open && (
          <>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => actions.acknowledge('snooze', row)}
              aria-label={`Snooze ${service} for ${customerName}`}
            >
              Snooze
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => actions.acknowledge('in-progress', row)}
              aria-label={`Mark ${service} for ${customerName} in progress`}
            >
              In progress
            </button>
          </>
        )}
        {row.documentId && open ? (
          // A document renewal completes when the worker signs the new version.
          <a
            className="button button-small"
            href={`#/documents/instances/${encodeURIComponent(row.documentId)}`}
          >
            Open
          </a>
        ) : (
          open && (
            <button
              type="button"
              className="button button-small"
              onClick={() => actions.complete(row)}
              aria-label={`Complete ${service} for ${customerName}`}
            >
              Complete
            </button>
          )
        )}
      </span>
    </div>
  );
});

/** A cell of one line that ends in an ellipsis when its column is narrow; the full text on hover. */
function TextCell({ column, text }: { column: string; text: string }) {
  return (
    <span role="cell" className={`cell-${column} ellipsis`} title={text}>
      {text}
    </span>
  );
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

/** Memoised: scrolling re-renders the page every frame, and the filters do not change with it. */
const Filters = memo(function Filters({
  filters,
  onChange,
  serviceTypes,
  staff,
  searching,
}: {
  filters: QueueFilters;
  onChange: (patch: Partial<QueueFilters>) => void;
  serviceTypes: string[];
  staff: { id: string; name: string }[];
  searching: boolean;
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
        Search names
        <input
          type="search"
          placeholder="Customer or worker name…"
          aria-describedby="queue-search-hint"
          value={filters.search}
          onChange={(e) => onChange({ search: e.target.value })}
        />
        <span id="queue-search-hint" className="subtle queue-search-hint">
          {searching
            ? 'Names with a word beginning with each word typed; accents optional.'
            : 'Finds customers and workers by name.'}
        </span>
      </label>
    </form>
  );
});

/**
 * The names of `ids` (customers, or the workers who own DOCUMENT renewals), read by id for the
 * rows on screen: only ids not read before are read (once, by primary key), so scrolling does
 * not open a live query per frame. A name edited elsewhere shows when the queue opens again.
 */
function useNames(ids: string[]) {
  const { data } = useServices();
  const seen = useRef(new Map<string, string>());
  const asked = useRef(new Set<string>());
  const [, repaint] = useState(0);
  const missing = [...new Set(ids)].filter((id) => !asked.current.has(id)).sort();
  const key = missing.join('\n');
  useEffect(() => {
    if (missing.length === 0) return;
    missing.forEach((id) => asked.current.add(id));
    void firstValueFrom(
      combineLatest([data.customers.watchIds(missing), data.workers.watchIds(missing)]),
    ).then(([customers, workers]) => {
      for (const id of missing)
        seen.current.set(
          id,
          customers.get(id)?.name ?? workers.get(id)?.fullName ?? 'Unknown customer',
        );
      repaint((n) => n + 1);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, key]);
  return {
    get: (id: string) => seen.current.get(id),
    known: (id: string) => seen.current.has(id),
  };
}
