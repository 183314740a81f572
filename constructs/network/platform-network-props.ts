import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';

export interface PlatformNetworkProps {
  /**
   * Availability zones of the stack's region the subnets span, named explicitly
   * (looking them up would need credentials). Two or more.
   */
  readonly availabilityZones: readonly string[];
  /**
   * Address range of the VPC (IPv4 CIDR). Endpoint security groups admit HTTPS
   * from exactly this range.
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;
  /**
   * Prefix length of each private subnet (one per availability zone).
   * @default 20 (4,091 addresses per zone: room for brokers, EMR nodes and endpoint interfaces)
   */
  readonly subnetCidrMask?: number;
  /**
   * AWS services reached through interface endpoints (private DNS on), so data
   * services never need a route to the internet. S3 is always reached through a
   * gateway endpoint and need not be listed.
   * @default PlatformNetwork.DEFAULT_INTERFACE_ENDPOINTS (KMS, STS, CloudWatch Logs, Glue, Secrets Manager)
   */
  readonly interfaceEndpoints?: readonly ec2.InterfaceVpcEndpointAwsService[];
  /** Key encrypting the flow-log group (the environment's audit key: flow logs are security evidence). */
  readonly flowLogKey: kms.IKey;
  /**
   * How long flow logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly flowLogRetention?: logs.RetentionDays;
  /**
   * What happens to the flow-log group when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}
