import type { ReactNode } from 'react';

/**
 * What a domain adds to the app shell: sidebar entries, the pages behind its routes and panels
 * on the customer page. Its jobs run in the job host, not here.
 */
export type Feature = {
  nav: { route: string; label: string }[];
  /** The page for a route split into parts ('/documents/w1' → ['documents', 'w1']); null if not ours. */
  page(parts: string[]): ReactNode | null;
  customerPanels?(customerId: string): ReactNode;
};
