import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { MskServerlessCluster } from '../../../constructs/streaming';
import { streamingStack } from './fixture';

describe('MSK Serverless', () => {
  let template: Template;
  beforeAll(() => {
    const { stack, vpc } = streamingStack();
    const cluster = new MskServerlessCluster(stack, 'Serverless', { clusterName: 'spiky-events', vpc });
    cluster.grantConsume(new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }), 'clicks', 'sessionizer');
    template = Template.fromStack(stack);
  });

  test('authenticates with IAM in the isolated subnets behind a closed security group', () => {
    template.hasResourceProperties('AWS::MSK::ServerlessCluster', {
      ClusterName: 'spiky-events',
      ClientAuthentication: { Sasl: { Iam: { Enabled: true } } },
      VpcConfigs: [{ SubnetIds: Match.arrayWith([{ Ref: Match.stringLikeRegexp('VpcdataSubnet') }]), SecurityGroups: [Match.anyValue()] }],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', { SecurityGroupEgress: [Match.objectLike({ Description: 'Disallow all traffic' })] });
  });

  test('grants are topic- and group-scoped', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'], Resource: 'arn:aws:kafka:eu-west-1:111111111111:topic/spiky-events/*/clicks' }),
          Match.objectLike({ Resource: 'arn:aws:kafka:eu-west-1:111111111111:group/spiky-events/*/sessionizer' }),
        ]),
      },
    });
  });

  test('ARNs stay partition-agnostic in a region-agnostic stack', () => {
    const stack = new Stack(new App(), 'Agnostic');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const cluster = new MskServerlessCluster(stack, 'Serverless', { clusterName: 'spiky-events', vpc });
    expect(stack.resolve(cluster.arnFor('topic', 'clicks'))).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kafka:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':topic/spiky-events/*/clicks']],
    });
  });

  test('fails if the name is malformed or only one subnet is selected', () => {
    const { stack, vpc } = streamingStack();
    expect(() => new MskServerlessCluster(stack, 'Bad', { clusterName: '_x', vpc, vpcSubnets: { availabilityZones: ['eu-west-1a'] } })).toThrow(
      /clusterName: received "_x"; allowed: 1-64 letters.*\n.*vpcSubnets: received "1 subnets"; allowed: 2 to 5 subnets/,
    );
  });
});
