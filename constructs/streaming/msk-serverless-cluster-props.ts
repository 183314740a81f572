import * as ec2 from 'aws-cdk-lib/aws-ec2';

export interface MskServerlessClusterProps {
  /** Cluster name (1-64 letters, digits, hyphens). */
  readonly clusterName: string;
  /** VPC of the cluster's endpoints. */
  readonly vpc: ec2.IVpc;
  /**
   * Subnets of the endpoints (2 to 5, in different availability zones).
   * @default - the VPC's private isolated subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
}
