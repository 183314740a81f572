import * as s3 from 'aws-cdk-lib/aws-s3';

/** One Glue table shared through Clean Rooms under a differential-privacy analysis rule. */
export interface SharedTable {
  /** Glue database of the table. */
  readonly database: string;
  /** Glue table name. */
  readonly table: string;
  /** Columns collaborators may use in queries (never direct identifiers). */
  readonly allowedColumns: readonly string[];
  /** Column identifying the individual whose contribution differential privacy bounds. */
  readonly userIdentifierColumn: string;
  /** Bucket holding the table's files (read by Clean Rooms when a membership is given). */
  readonly bucket: s3.IBucket;
  /**
   * Key prefix of the table's files.
   * @default - `<table>/`
   */
  readonly prefix?: string;
  /**
   * Description shown to collaborators.
   * @default - none
   */
  readonly description?: string;
}

/** The privacy budget of a collaboration membership (AWS Clean Rooms' ranges). */
export interface DifferentialPrivacyBudget {
  /** Epsilon, 1-20: lower means stronger privacy and noisier results. */
  readonly epsilon: number;
  /** Noise added per query, in users, 10-100. */
  readonly usersNoisePerQuery: number;
}

export interface CleanRoomsSharingProps {
  /** Tables to share. At least one. */
  readonly tables: readonly SharedTable[];
  /**
   * Membership of the collaboration the tables are associated with. Without it the
   * configured tables (with their analysis rules) are created, ready to associate.
   * @default - tables are configured, not associated
   */
  readonly membershipId?: string;
  /**
   * Privacy budget of the membership (created with the association).
   * @default - epsilon 3, 30 users of noise per query
   */
  readonly budget?: DifferentialPrivacyBudget;
}
