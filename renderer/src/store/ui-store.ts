import { create } from 'zustand';
import { DEFAULT_FILTERS, type QueueFilters } from '../../../shared/renewals/queue';
import type { DailySummary } from '../../../shared/jobs';

export type Toast = { id: number; kind: 'info' | 'error'; text: string };

type UiState = {
  route: string;
  filters: QueueFilters;
  lastRefresh: DailySummary | null;
  refreshing: boolean;
  toasts: Toast[];
  pausedUntil: string | null;
  navigate(route: string): void;
  setFilters(patch: Partial<QueueFilters>): void;
  setRefreshing(refreshing: boolean): void;
  setLastRefresh(summary: DailySummary): void;
  toast(kind: Toast['kind'], text: string): void;
  dismiss(id: number): void;
  setPausedUntil(until: string | null): void;
};

function routeFromHash(): string {
  const hash = typeof location === 'undefined' ? '' : location.hash.replace(/^#/, '');
  return hash || '/queue';
}

let toastId = 0;

/** UI state only; records live in the database and reach components through observables. */
export const useUi = create<UiState>((set) => ({
  route: routeFromHash(),
  filters: DEFAULT_FILTERS,
  lastRefresh: null,
  refreshing: false,
  toasts: [],
  pausedUntil: null,
  navigate(route) {
    if (location.hash !== `#${route}`) location.hash = route;
    set({ route });
  },
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  setRefreshing: (refreshing) => set({ refreshing }),
  setLastRefresh: (lastRefresh) => set({ lastRefresh }),
  toast: (kind, text) =>
    set((s) => ({ toasts: [...s.toasts.slice(-1), { id: ++toastId, kind, text }] })),
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  setPausedUntil: (pausedUntil) => set({ pausedUntil }),
}));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => useUi.setState({ route: routeFromHash() }));
}
