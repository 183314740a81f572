import { z } from 'zod';
import type { DatasetsCheckInput } from './datasets';

/**
 * Dataset fields owned by the processing domain (catalog, compaction, data quality).
 * Spread into `DatasetSchema`; keep every processing-specific field and rule here.
 */
export const DATASET_PROCESSING_FIELDS = {} satisfies z.ZodRawShape;

/** Cross-field rules for the processing fields of datasets. */
export function checkDatasetProcessing(_env: DatasetsCheckInput, _ctx: z.RefinementCtx): void {
  // Processing rules are added with their fields.
}
