import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as msk from 'aws-cdk-lib/aws-msk';
import { Construct } from 'constructs';
import { MSK_PORTS } from './msk-cluster';
import { MskServerlessClusterProps } from './msk-serverless-cluster-props';
import { StreamingProblem, throwIfProblems } from './problems';

/**
 * The serverless option: MSK Serverless, for spiky or small workloads where broker
 * sizing is not worth it. MSK Serverless always encrypts at rest (service-managed
 * key, not a CMK: it offers no choice), allows TLS only and authenticates with IAM
 * only; this construct adds a closed security group and the same topic- and
 * group-scoped grants as `MskCluster`. Use the provisioned cluster where a CMK is
 * required (the platform's default).
 */
export class MskServerlessCluster extends Construct implements ec2.IConnectable {
  public readonly clusterName: string;
  public readonly clusterArn: string;
  public readonly connections: ec2.Connections;
  public readonly resource: msk.CfnServerlessCluster;

  constructor(scope: Construct, id: string, props: MskServerlessClusterProps) {
    super(scope, id);
    const subnets = props.vpc.selectSubnets(props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED });
    const problems: StreamingProblem[] = [];
    if (!/^[a-zA-Z][a-zA-Z0-9-]{0,63}$/.test(props.clusterName)) {
      problems.push({ path: ['clusterName'], received: props.clusterName, allowed: '1-64 letters, digits or hyphens, starting with a letter' });
    }
    if (subnets.subnetIds.length < 2 || subnets.subnetIds.length > 5) {
      problems.push({ path: ['vpcSubnets'], received: `${subnets.subnetIds.length} subnets`, allowed: '2 to 5 subnets in different availability zones' });
    }
    throwIfProblems(`MskServerlessCluster '${this.node.path}'`, problems);

    this.clusterName = props.clusterName;
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `MSK Serverless ${props.clusterName}: clients are allowed in explicitly`,
      allowAllOutbound: false,
    });
    this.connections = new ec2.Connections({ securityGroups: [securityGroup], defaultPort: ec2.Port.tcp(MSK_PORTS.SASL_IAM) });
    this.resource = new msk.CfnServerlessCluster(this, 'Resource', {
      clusterName: props.clusterName,
      clientAuthentication: { sasl: { iam: { enabled: true } } },
      vpcConfigs: [{ subnetIds: subnets.subnetIds, securityGroups: [securityGroup.securityGroupId] }],
    });
    this.clusterArn = this.resource.attrArn;
  }

  /** Lets `grantee` produce to `topicName`. */
  public grantProduce(grantee: iam.IGrantable, topicName: string): iam.Grant {
    return this.grantConnect(grantee, ['kafka-cluster:WriteDataIdempotently']).combine(
      iam.Grant.addToPrincipal({ grantee, actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'], resourceArns: [this.arnFor('topic', topicName)] }),
    );
  }

  /** Lets `grantee` read `topicName` as consumer group `groupName`. */
  public grantConsume(grantee: iam.IGrantable, topicName: string, groupName: string): iam.Grant {
    return this.grantConnect(grantee)
      .combine(iam.Grant.addToPrincipal({ grantee, actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'], resourceArns: [this.arnFor('topic', topicName)] }))
      .combine(iam.Grant.addToPrincipal({ grantee, actions: ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup'], resourceArns: [this.arnFor('group', groupName)] }));
  }

  /** ARN of a cluster-scoped resource, the cluster uuid a wildcard (see `MskCluster.arnFor`). */
  public arnFor(type: 'cluster' | 'topic' | 'group', name?: string): string {
    return Stack.of(this).formatArn({
      service: 'kafka',
      resource: type,
      resourceName: type === 'cluster' ? `${this.clusterName}/*` : `${this.clusterName}/*/${name ?? '*'}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  private grantConnect(grantee: iam.IGrantable, extra: string[] = []): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster', ...extra], resourceArns: [this.arnFor('cluster')] });
  }
}
