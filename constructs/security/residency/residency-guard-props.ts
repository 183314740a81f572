import { Stage } from 'aws-cdk-lib';

export interface ResidencyGuardProps {
  /** Name of the residency zone, shown in errors (e.g. `eu`). */
  readonly zoneName: string;
  /** The zone's regions: nothing in the checked stage may point anywhere else. */
  readonly allowedRegions: readonly string[];
  /**
   * The stage whose stacks are checked.
   * @default - the stage the guard is in
   */
  readonly stage?: Stage;
}
