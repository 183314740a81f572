import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { AlarmTopic } from '../observability/alarm-topic';
import { QualityRule } from './catalog-quality-rules';

/** A Glue table by database and name. */
export interface CatalogTableRef {
  readonly database: string;
  readonly table: string;
}

/** The ruleset of one table and when it is evaluated. */
export interface QualityRulesetProps extends CatalogTableRef {
  /** Dataset name (the event contract's `dataset`). */
  readonly dataset: string;
  readonly rules: readonly QualityRule[];
  readonly schedule: scheduler.ScheduleExpression;
  /**
   * Tables referential-integrity rules name, by alias.
   * @default - none
   */
  readonly references?: Readonly<Record<string, CatalogTableRef>>;
}

export interface CatalogQualityProps {
  /** Environment name: prefixes ruleset names and goes into the circuit-breaker event. */
  readonly environment: string;
  readonly rulesets: readonly QualityRulesetProps[];
  /** Topic notified when a ruleset fails. */
  readonly alarmTopic: AlarmTopic;
  /** Key of the schedules' payloads (usable through EventBridge Scheduler). */
  readonly scheduleKey: kms.IKey;
  /** Encrypted bucket receiving detailed results. */
  readonly resultsBucket: s3.IBucket;
  /** @default 'data-quality/' */
  readonly resultsPrefix?: string;
}
