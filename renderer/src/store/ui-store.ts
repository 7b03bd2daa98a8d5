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
  /** Who uses this device ("I am …"): a staff id, kept on this device only. */
  me: string | null;
  navigate(route: string): void;
  setFilters(patch: Partial<QueueFilters>): void;
  setRefreshing(refreshing: boolean): void;
  setLastRefresh(summary: DailySummary): void;
  toast(kind: Toast['kind'], text: string): void;
  dismiss(id: number): void;
  setPausedUntil(until: string | null): void;
  setMe(staffId: string | null): void;
};

const ME_KEY = 'nolapse.me';

function storedMe(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(ME_KEY);
  } catch {
    return null;
  }
}

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
  me: storedMe(),
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
  setMe(me) {
    try {
      if (me === null) localStorage.removeItem(ME_KEY);
      else localStorage.setItem(ME_KEY, me);
    } catch {
      // A browser that refuses storage keeps the choice for this session only.
    }
    set({ me });
  },
}));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => useUi.setState({ route: routeFromHash() }));
}
