import { ChangeKind } from '../diff/compare';
import { Domain } from '../diff/domains';
import { EnvironmentConfig } from '../config/schema';

/** A resource change a lab's diff must show. */
export interface ExpectedResourceChange {
  /** Stack id inside the stage (`Lake`). */
  readonly stack: string;
  readonly resourceType: string;
  /** Logical id prefix, when several resources of the type exist (`DataLakeRaw`). @default any */
  readonly logicalIdPrefix?: string;
  /** A changed property path must start with this (`LifecycleConfiguration`). @default any change */
  readonly property?: string;
  /** @default any kind */
  readonly kind?: ChangeKind;
}

/** What a lab's diff must show: the test of each lab asserts it, so labs fail loudly when the platform changes. */
export interface LabExpectation {
  readonly resources?: readonly ExpectedResourceChange[];
  /** Tag keys whose value must differ. */
  readonly tags?: readonly string[];
  /** Domains that may change; a difference outside them fails the lab's test. */
  readonly domains: readonly Domain[];
  /** Whether the diff must have unaccepted data-loss risks (and so exit non-zero). */
  readonly dataLossBlocked: boolean;
  /** Direction of the monthly cost change. @default not checked */
  readonly cost?: 'up' | 'down' | 'same';
}

/** One workshop lab: a curriculum module taught by one configuration change and its diff. */
export interface Lab {
  /** 1-9, the curriculum module. */
  readonly module: number;
  /** Folder name under labs/ (`01-strategy`). */
  readonly slug: string;
  readonly moduleName: string;
  readonly title: string;
  /** What the participant learns. */
  readonly goal: string;
  /** The environment the lab starts from. */
  readonly environment: string;
  /** The change, in words (what a participant would edit). */
  readonly changeDescription: string;
  /** The change as a typed transformation of a copy of the environment; the result is validated by the schema. */
  readonly apply: (env: EnvironmentConfig) => EnvironmentConfig;
  /** What to look for in the diff. */
  readonly lookFor: readonly string[];
  /** A question to discuss. */
  readonly question: string;
  readonly expect: LabExpectation;
  /** When the module's own features land, what this lab should teach instead. */
  readonly retarget?: string;
}
