import type { ReactNode } from 'react';
import type { Services } from './services';

/**
 * What a domain adds to the app shell: sidebar entries, the pages behind its routes, panels on
 * the customer page, and a job that runs on every scheduler tick after the renewals refresh.
 */
export type Feature = {
  nav: { route: string; label: string }[];
  /** The page for a route split into parts ('/documents/w1' → ['documents', 'w1']); null if not ours. */
  page(parts: string[]): ReactNode | null;
  customerPanels?(customerId: string): ReactNode;
  /** The feature's daily job; returns a one-line summary for the refresh toast, or ''. */
  daily?(services: Services): Promise<string>;
};
