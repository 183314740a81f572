import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { PlatformNetwork } from '../../../constructs/network';
import { testStack } from '../../support/app';
import { keyPolicyStatements } from '../template-helpers';

function build(props: Partial<ConstructorParameters<typeof PlatformNetwork>[2]> = {}, stack: Stack = testStack()) {
  const key = new kms.Key(stack, 'Key');
  const network = new PlatformNetwork(stack, 'Network', {
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    flowLogKey: key,
    ...props,
  });
  return { stack, key, network, template: Template.fromStack(stack) };
}

describe('PlatformNetwork', () => {
  const { key, template } = build({ cidr: '10.40.0.0/16' });

  test('has private isolated subnets only, one per zone, and no internet or NAT gateway', () => {
    template.resourceCountIs('AWS::EC2::Subnet', 3);
    template.allResourcesProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false });
    for (const az of ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']) template.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: az });
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::EgressOnlyInternetGateway', 0);
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.40.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true });
  });

  test('reaches S3 through a gateway endpoint and the platform APIs through private interface endpoints', () => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway', ServiceName: Match.objectLike({}) });
    const interfaces = template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Interface' } });
    const services = Object.values(interfaces).map((r) => r.Properties.ServiceName as string).sort();
    expect(services).toEqual(
      ['glue', 'kms', 'logs', 'secretsmanager', 'sts'].map((s) => `com.amazonaws.eu-west-1.${s}`),
    );
    for (const endpoint of Object.values(interfaces)) expect(endpoint.Properties.PrivateDnsEnabled).toBe(true);
  });

  test('endpoint security group admits HTTPS from the VPC range only and allows no egress', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Interface VPC endpoints: HTTPS from inside the VPC only',
      SecurityGroupIngress: [{ CidrIp: '10.40.0.0/16', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }],
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32' })],
    });
  });

  test('logs every flow to a retained log group encrypted with the given key, through a managed policy', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] }, RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: Match.arrayEquals(['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents']) })] },
    });
  });

  test('lets CloudWatch Logs use the key for this account\'s log groups only', () => {
    const logs = keyPolicyStatements(template, key).find((s) => s.Sid === 'CloudWatchLogsEncryptsLogGroups');
    expect(JSON.stringify(logs?.Principal)).toContain('logs.eu-west-1.');
    expect(JSON.stringify(logs?.Condition)).toContain('kms:EncryptionContext:aws:logs:arn');
  });

  test('closes the default security group', () => {
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
  });
});

describe('PlatformNetwork fails if', () => {
  test.each<[string, Partial<ConstructorParameters<typeof PlatformNetwork>[2]>, string]>([
    ['fewer than two zones are given', { availabilityZones: ['eu-west-1a'] }, 'availabilityZones: received 1; allowed: 2 or more zones'],
    ['a zone is outside the region', { availabilityZones: ['eu-west-1a', 'eu-central-1b'] }, "availabilityZones[1]: received 'eu-central-1b'; allowed: a zone of the stack's region eu-west-1"],
    ['a zone is listed twice', { availabilityZones: ['eu-west-1a', 'eu-west-1a'] }, 'availabilityZones: received eu-west-1a, eu-west-1a; allowed: each zone once'],
    ['the CIDR is malformed', { cidr: '10.0.0/16' }, "cidr: received '10.0.0/16'; allowed: an IPv4 CIDR"],
    ['the subnet mask is out of range', { subnetCidrMask: 30 }, 'subnetCidrMask: received 30; allowed: a whole number from 16 to 28'],
  ])('%s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('the stack has no region, and lists every problem at once', () => {
    const stack = new Stack(undefined, 'Agnostic');
    expect(() => build({ availabilityZones: ['x'] }, stack)).toThrow(
      /availabilityZones: received 1[\s\S]*the stack has no concrete region; allowed: a stack pinned to a region/,
    );
  });
});
