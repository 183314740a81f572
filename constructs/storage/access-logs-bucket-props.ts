import { Duration, RemovalPolicy } from 'aws-cdk-lib';

export interface AccessLogsBucketProps {
  /**
   * How long access log objects are kept.
   * @default Duration.days(365)
   */
  readonly retention?: Duration;
  /**
   * What happens to the bucket when it leaves the stack (DESTROY deletes it only once empty).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}
