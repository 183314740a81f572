import { RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PlatformKeys } from '../../constructs/encryption';
import { PlatformNetwork } from '../../constructs/network';
import { EnvironmentConfig } from '../config/schema';

export interface NetworkStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly keys: PlatformKeys;
}

/** The environment's private network: isolated subnets, VPC endpoints, encrypted flow logs. */
export class NetworkStack extends Stack {
  public readonly network: PlatformNetwork;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.network = new PlatformNetwork(this, 'Network', {
      availabilityZones: config.availabilityZones,
      cidr: config.network.cidr,
      subnetCidrMask: config.network.subnetCidrMask,
      flowLogKey: props.keys.auditKey,
      flowLogRetention: config.network.flowLogRetentionDays as logs.RetentionDays,
      removalPolicy: config.removal.destroyDataOnDelete ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
  }
}
