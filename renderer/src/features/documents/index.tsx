import type { Feature } from '../../app/feature';

/** Compliance documents: workers, templates, signing and automatic renewal. */
export const documentsFeature: Feature = {
  nav: [],
  page: () => null,
};
