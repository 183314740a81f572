/**
 * Volume assumptions: what the templates cannot say (how much data arrives, how long
 * clusters run). Every figure is per month and documented; defaults differ for
 * development and production, and an environment can have its own entry. Change them
 * here (or pass your own to `estimateCost`) to model a workload.
 */
export interface CostAssumptions {
  /** Why these figures (shown with the estimate). */
  readonly label: string;
  /**
   * The estimate is for this month of operation. Data without an expiry keeps growing; with
   * a horizon of 12, a bucket holds twelve months of ingestion (less what lifecycle expired).
   */
  readonly horizonMonths: number;
  /** GB written per month into each lake zone (`data-zone` tag of a bucket). A zone not listed gets `otherBucketGbPerMonth`. */
  readonly lakeIngestGbPerMonth: Readonly<Record<string, number>>;
  /** GB written per month into the audit bucket (CloudTrail log files, compressed). */
  readonly auditGbPerMonth: number;
  /** GB written per month into every other bucket (access logs, job logs, checkpoints). */
  readonly otherBucketGbPerMonth: number;
  /** Average object size in MB (Intelligent-Tiering's monitoring fee is per object). */
  readonly averageObjectSizeMb: number;
  /** GB ingested per month into each CloudWatch Logs log group. */
  readonly logGroupIngestGbPerMonth: number;
  /** S3 data events per month recorded by a trail with data event selectors. */
  readonly trailDataEventsPerMonth: number;
  /** Management events per month (billed only for a second trail copy). */
  readonly trailManagementEventsPerMonth: number;
  /** KMS requests per month per key (S3 Bucket Keys keep this low). */
  readonly kmsRequestsPerKeyPerMonth: number;
  /** GB per month through each NAT gateway, and through each interface endpoint. */
  readonly natGbPerMonth: number;
  readonly endpointGbPerMonth: number;
  /** Hours per month an EMR cluster runs; 730 = always on (commitment figures then apply). */
  readonly emrHoursPerMonth: number;
  /** Per-cluster override of `emrHoursPerMonth`, by the cluster's `Name` property. */
  readonly emrHoursByCluster?: Readonly<Record<string, number>>;
  /** Spot price as a fraction of on-demand (EC2 part; EMR's charge is the same on spot). */
  readonly spotPriceFraction: number;
}

/** Development: a workshop or team sandbox, a few GB a day, clusters during working hours. */
export const DEVELOPMENT_ASSUMPTIONS: CostAssumptions = {
  label: 'development defaults (small sandbox volumes, clusters 8 h x 21 working days)',
  horizonMonths: 12,
  lakeIngestGbPerMonth: { raw: 100, curated: 50, analytics: 20 },
  auditGbPerMonth: 2,
  otherBucketGbPerMonth: 1,
  averageObjectSizeMb: 16,
  logGroupIngestGbPerMonth: 5,
  trailDataEventsPerMonth: 5_000_000,
  trailManagementEventsPerMonth: 1_000_000,
  kmsRequestsPerKeyPerMonth: 100_000,
  natGbPerMonth: 0,
  endpointGbPerMonth: 10,
  emrHoursPerMonth: 168,
  spotPriceFraction: 0.35,
};

/** Production: 10 TB a month into raw, always-on processing. */
export const PRODUCTION_ASSUMPTIONS: CostAssumptions = {
  label: 'production defaults (10 TB/month into raw, clusters always on)',
  horizonMonths: 12,
  lakeIngestGbPerMonth: { raw: 10_000, curated: 5_000, analytics: 2_000 },
  auditGbPerMonth: 50,
  otherBucketGbPerMonth: 20,
  averageObjectSizeMb: 128,
  logGroupIngestGbPerMonth: 100,
  trailDataEventsPerMonth: 300_000_000,
  trailManagementEventsPerMonth: 20_000_000,
  kmsRequestsPerKeyPerMonth: 2_000_000,
  natGbPerMonth: 0,
  endpointGbPerMonth: 500,
  emrHoursPerMonth: 730,
  spotPriceFraction: 0.35,
};

/** Per-environment assumptions; an environment not listed gets the defaults of its kind. */
export const ENVIRONMENT_ASSUMPTIONS: Readonly<Record<string, CostAssumptions>> = {};

/** The assumptions of an environment. */
export function assumptionsFor(environment: string, production: boolean): CostAssumptions {
  return ENVIRONMENT_ASSUMPTIONS[environment] ?? (production ? PRODUCTION_ASSUMPTIONS : DEVELOPMENT_ASSUMPTIONS);
}
