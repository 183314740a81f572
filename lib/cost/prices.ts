/**
 * The price table the cost estimate uses: AWS public LIST prices, in USD, on-demand
 * (Linux), per region, as of the date below. They were transcribed by hand from the
 * AWS pricing pages (no network at build or run time), rounded as published; they are
 * an estimate's input, not a quote. Before budgeting, check the current figures
 * (https://aws.amazon.com/pricing or the Price List API) and update this file with a
 * new date. Prices not listed here are reported as unpriced, never guessed.
 */
export const PRICES_AS_OF = '2025-06-01';
export const PRICES_SOURCE =
  'AWS public list prices (aws.amazon.com/{msk,emr,ec2,s3,cloudwatch,cloudtrail,vpc,kms}/pricing), on-demand, USD, transcribed by hand';

/** S3 storage prices per GB-month by storage class (Intelligent-Tiering by access tier). */
export interface S3Prices {
  readonly STANDARD: number;
  readonly STANDARD_IA: number;
  readonly ONEZONE_IA: number;
  readonly INTELLIGENT_TIERING_FREQUENT: number;
  readonly INTELLIGENT_TIERING_INFREQUENT: number;
  readonly INTELLIGENT_TIERING_ARCHIVE_INSTANT: number;
  readonly GLACIER_IR: number;
  readonly GLACIER: number;
  readonly DEEP_ARCHIVE: number;
  /** Intelligent-Tiering monitoring and automation, per 1,000 objects per month. */
  readonly INTELLIGENT_TIERING_MONITORING_PER_1000: number;
}

/** List prices of one region. */
export interface RegionPrices {
  /** MSK provisioned broker instance-hour, by instance type (`kafka.m5.large`). */
  readonly mskBrokerHour: Readonly<Record<string, number>>;
  /** MSK broker storage, per GB-month. */
  readonly mskStorageGbMonth: number;
  /** MSK Serverless cluster-hour. */
  readonly mskServerlessClusterHour: number;
  /** EC2 on-demand instance-hour (Linux), by instance type. */
  readonly ec2Hour: Readonly<Record<string, number>>;
  /** Amazon EMR on EC2 charge per instance-hour, added to EC2's, by instance type. */
  readonly emrHour: Readonly<Record<string, number>>;
  /** EBS gp3 per GB-month (EMR instance volumes). */
  readonly ebsGp3GbMonth: number;
  readonly s3: S3Prices;
  /** CloudWatch Logs ingestion per GB, and storage per GB-month. */
  readonly logsIngestGb: number;
  readonly logsStorageGbMonth: number;
  /** CloudTrail data events per 100,000, and management events of a second trail copy per 100,000. */
  readonly trailDataEventsPer100k: number;
  readonly trailPaidManagementEventsPer100k: number;
  /** NAT gateway hour and per GB processed. */
  readonly natHour: number;
  readonly natGb: number;
  /** Interface VPC endpoint per AZ-hour and per GB processed. */
  readonly interfaceEndpointAzHour: number;
  readonly interfaceEndpointGb: number;
  /** KMS customer-managed key per month, and per 10,000 requests. */
  readonly kmsKeyMonth: number;
  readonly kmsRequestsPer10k: number;
}

/** Hours in the average month (8,760 / 12), the unit AWS uses for monthly figures. */
export const HOURS_PER_MONTH = 730;

/**
 * Discounts of commitments on EC2 compute (the EC2 part of EMR instance-hours; the EMR
 * charge itself is not discounted). Typical Compute Savings Plan rates for general purpose
 * and memory optimised instances, no upfront; approximate. MSK has no reserved pricing.
 */
export const COMMITMENT_DISCOUNTS = {
  /** Compute Savings Plan, 1 year, no upfront. */
  oneYear: 0.28,
  /** Compute Savings Plan, 3 years, no upfront. */
  threeYear: 0.5,
} as const;

const EMR_UPLIFT: Readonly<Record<string, number>> = {
  'm5.xlarge': 0.048,
  'm5.2xlarge': 0.096,
  'm5.4xlarge': 0.192,
  'r5.xlarge': 0.063,
  'r5.2xlarge': 0.126,
  'r5.4xlarge': 0.252,
  'c5.xlarge': 0.043,
  'c5.2xlarge': 0.085,
  'c5.4xlarge': 0.17,
  'm6g.xlarge': 0.0385,
  'm6g.2xlarge': 0.077,
  'm6g.4xlarge': 0.154,
  'r6g.xlarge': 0.0504,
  'r6g.2xlarge': 0.1008,
  'r6g.4xlarge': 0.2016,
  'c6g.xlarge': 0.034,
  'm7g.xlarge': 0.0408,
  'r7g.xlarge': 0.0536,
};

/** Region → prices. Regions outside this table are refused with the list of priced regions. */
export const PRICES: Readonly<Record<string, RegionPrices>> = {
  'us-east-1': {
    mskBrokerHour: {
      'kafka.t3.small': 0.0456,
      'kafka.m5.large': 0.21,
      'kafka.m5.xlarge': 0.42,
      'kafka.m5.2xlarge': 0.84,
      'kafka.m5.4xlarge': 1.68,
      'kafka.m7g.large': 0.204,
      'kafka.m7g.xlarge': 0.408,
      'kafka.m7g.2xlarge': 0.816,
      'kafka.m7g.4xlarge': 1.632,
    },
    mskStorageGbMonth: 0.1,
    mskServerlessClusterHour: 0.75,
    ec2Hour: {
      'm5.xlarge': 0.192,
      'm5.2xlarge': 0.384,
      'm5.4xlarge': 0.768,
      'r5.xlarge': 0.252,
      'r5.2xlarge': 0.504,
      'r5.4xlarge': 1.008,
      'c5.xlarge': 0.17,
      'c5.2xlarge': 0.34,
      'c5.4xlarge': 0.68,
      'm6g.xlarge': 0.154,
      'm6g.2xlarge': 0.308,
      'm6g.4xlarge': 0.616,
      'r6g.xlarge': 0.2016,
      'r6g.2xlarge': 0.4032,
      'r6g.4xlarge': 0.8064,
      'c6g.xlarge': 0.136,
      'm7g.xlarge': 0.1632,
      'r7g.xlarge': 0.2142,
    },
    emrHour: EMR_UPLIFT,
    ebsGp3GbMonth: 0.08,
    s3: {
      STANDARD: 0.023,
      STANDARD_IA: 0.0125,
      ONEZONE_IA: 0.01,
      INTELLIGENT_TIERING_FREQUENT: 0.023,
      INTELLIGENT_TIERING_INFREQUENT: 0.0125,
      INTELLIGENT_TIERING_ARCHIVE_INSTANT: 0.004,
      GLACIER_IR: 0.004,
      GLACIER: 0.0036,
      DEEP_ARCHIVE: 0.00099,
      INTELLIGENT_TIERING_MONITORING_PER_1000: 0.0025,
    },
    logsIngestGb: 0.5,
    logsStorageGbMonth: 0.03,
    trailDataEventsPer100k: 0.1,
    trailPaidManagementEventsPer100k: 2.0,
    natHour: 0.045,
    natGb: 0.045,
    interfaceEndpointAzHour: 0.01,
    interfaceEndpointGb: 0.01,
    kmsKeyMonth: 1.0,
    kmsRequestsPer10k: 0.03,
  },
  'eu-west-1': {
    mskBrokerHour: {
      'kafka.t3.small': 0.0496,
      'kafka.m5.large': 0.228,
      'kafka.m5.xlarge': 0.456,
      'kafka.m5.2xlarge': 0.912,
      'kafka.m5.4xlarge': 1.824,
      'kafka.m7g.large': 0.2224,
      'kafka.m7g.xlarge': 0.4448,
      'kafka.m7g.2xlarge': 0.8896,
      'kafka.m7g.4xlarge': 1.7792,
    },
    mskStorageGbMonth: 0.11,
    mskServerlessClusterHour: 0.75,
    ec2Hour: {
      'm5.xlarge': 0.214,
      'm5.2xlarge': 0.428,
      'm5.4xlarge': 0.856,
      'r5.xlarge': 0.282,
      'r5.2xlarge': 0.564,
      'r5.4xlarge': 1.128,
      'c5.xlarge': 0.192,
      'c5.2xlarge': 0.384,
      'c5.4xlarge': 0.768,
      'm6g.xlarge': 0.172,
      'm6g.2xlarge': 0.344,
      'm6g.4xlarge': 0.688,
      'r6g.xlarge': 0.2256,
      'r6g.2xlarge': 0.4512,
      'r6g.4xlarge': 0.9024,
      'c6g.xlarge': 0.1536,
      'm7g.xlarge': 0.1826,
      'r7g.xlarge': 0.2394,
    },
    emrHour: EMR_UPLIFT,
    ebsGp3GbMonth: 0.088,
    s3: {
      STANDARD: 0.023,
      STANDARD_IA: 0.0125,
      ONEZONE_IA: 0.01,
      INTELLIGENT_TIERING_FREQUENT: 0.023,
      INTELLIGENT_TIERING_INFREQUENT: 0.0125,
      INTELLIGENT_TIERING_ARCHIVE_INSTANT: 0.004,
      GLACIER_IR: 0.004,
      GLACIER: 0.0036,
      DEEP_ARCHIVE: 0.00099,
      INTELLIGENT_TIERING_MONITORING_PER_1000: 0.0025,
    },
    logsIngestGb: 0.57,
    logsStorageGbMonth: 0.03,
    trailDataEventsPer100k: 0.1,
    trailPaidManagementEventsPer100k: 2.0,
    natHour: 0.048,
    natGb: 0.048,
    interfaceEndpointAzHour: 0.011,
    interfaceEndpointGb: 0.01,
    kmsKeyMonth: 1.0,
    kmsRequestsPer10k: 0.03,
  },
  'eu-central-1': {
    mskBrokerHour: {
      'kafka.t3.small': 0.0516,
      'kafka.m5.large': 0.238,
      'kafka.m5.xlarge': 0.476,
      'kafka.m5.2xlarge': 0.952,
      'kafka.m5.4xlarge': 1.904,
      'kafka.m7g.large': 0.2312,
      'kafka.m7g.xlarge': 0.4624,
      'kafka.m7g.2xlarge': 0.9248,
      'kafka.m7g.4xlarge': 1.8496,
    },
    mskStorageGbMonth: 0.119,
    mskServerlessClusterHour: 0.75,
    ec2Hour: {
      'm5.xlarge': 0.23,
      'm5.2xlarge': 0.46,
      'm5.4xlarge': 0.92,
      'r5.xlarge': 0.304,
      'r5.2xlarge': 0.608,
      'r5.4xlarge': 1.216,
      'c5.xlarge': 0.194,
      'c5.2xlarge': 0.388,
      'c5.4xlarge': 0.776,
      'm6g.xlarge': 0.184,
      'm6g.2xlarge': 0.368,
      'm6g.4xlarge': 0.736,
      'r6g.xlarge': 0.2432,
      'r6g.2xlarge': 0.4864,
      'r6g.4xlarge': 0.9728,
      'c6g.xlarge': 0.155,
      'm7g.xlarge': 0.1958,
      'r7g.xlarge': 0.2584,
    },
    emrHour: EMR_UPLIFT,
    ebsGp3GbMonth: 0.0952,
    s3: {
      STANDARD: 0.0245,
      STANDARD_IA: 0.0135,
      ONEZONE_IA: 0.0108,
      INTELLIGENT_TIERING_FREQUENT: 0.0245,
      INTELLIGENT_TIERING_INFREQUENT: 0.0135,
      INTELLIGENT_TIERING_ARCHIVE_INSTANT: 0.005,
      GLACIER_IR: 0.005,
      GLACIER: 0.0045,
      DEEP_ARCHIVE: 0.0018,
      INTELLIGENT_TIERING_MONITORING_PER_1000: 0.0025,
    },
    logsIngestGb: 0.63,
    logsStorageGbMonth: 0.0324,
    trailDataEventsPer100k: 0.1,
    trailPaidManagementEventsPer100k: 2.0,
    natHour: 0.052,
    natGb: 0.052,
    interfaceEndpointAzHour: 0.012,
    interfaceEndpointGb: 0.01,
    kmsKeyMonth: 1.0,
    kmsRequestsPer10k: 0.03,
  },
};

/** A region the price table does not cover. */
export class UnpricedRegionError extends Error {
  constructor(public readonly region: string) {
    super(`region '${region}' has no price table; allowed: ${Object.keys(PRICES).join(', ')} (add one to lib/cost/prices.ts)`);
    this.name = 'UnpricedRegionError';
  }
}

/** The prices of a region; throws UnpricedRegionError naming the region and the priced regions. */
export function pricesFor(region: string): RegionPrices {
  const prices = PRICES[region];
  if (!prices) throw new UnpricedRegionError(region);
  return prices;
}
