import { z } from 'zod';
import type { DatasetsCheckInput } from './datasets';

/**
 * Dataset fields owned by the privacy domain (DPIA, masking, erasure, sharing).
 * Spread into `DatasetSchema`; keep every privacy-specific field and rule here.
 */
export const DATASET_PRIVACY_FIELDS = {} satisfies z.ZodRawShape;

/** Cross-field rules for the privacy fields of datasets. */
export function checkDatasetPrivacy(_env: DatasetsCheckInput, _ctx: z.RefinementCtx): void {
  // Privacy rules are added with their fields.
}
