import { documentsFeature } from '../features/documents';
import { policiesFeature } from '../features/policies';
import type { Feature } from '../features/shared/feature';

/** Domains beyond renewals plug in here; see feature.ts. */
export const FEATURES: Feature[] = [documentsFeature, policiesFeature];
