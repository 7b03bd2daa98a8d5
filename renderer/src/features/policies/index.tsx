import type { Feature } from '../../app/feature';

/** Insurance policies: terms, renewal transactions and auto-renewal. */
export const policiesFeature: Feature = {
  nav: [],
  page: () => null,
};
