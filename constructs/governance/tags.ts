/**
 * Tag keys the platform puts on every taggable resource. Policies (the
 * DataPlatform pack) and reports read the same keys, so they live in one place.
 */
export const PlatformTagKeys = {
  /** Team accountable for the resource and its data. */
  OWNER: 'owner',
  /** Data classification of what the resource stores: public, internal, confidential, restricted. */
  DATA_CLASSIFICATION: 'data-classification',
  /** Environment name (dev-eu, prod-eu, ...). */
  ENVIRONMENT: 'environment',
  /** Cost centre charged for the resource. */
  COST_CENTRE: 'cost-centre',
  /** Residency zone the environment is bound to (eu, us, ...). */
  RESIDENCY: 'residency',
  /** Lake zone of a bucket (raw, curated, analytics); absent on non-lake stores. */
  DATA_ZONE: 'data-zone',
  /** On a replica bucket: the zone it replicates (its `data-zone` tag names the same zone). */
  REPLICA_OF: 'replica-of',
} as const;

/** The tags the DataPlatform pack requires on every taggable resource. */
export const REQUIRED_TAG_KEYS: readonly string[] = [
  PlatformTagKeys.OWNER,
  PlatformTagKeys.DATA_CLASSIFICATION,
  PlatformTagKeys.ENVIRONMENT,
];
