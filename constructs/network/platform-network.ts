import { Annotations, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { allowCloudWatchLogs } from '../encryption/service-key-access';
import { PlatformNetworkProps } from './platform-network-props';

/**
 * The platform's network: a VPC of private, isolated subnets only (one per
 * availability zone), with no internet gateway and no NAT, so data services
 * (brokers, Spark nodes, connectors) have no path to or from the internet. AWS
 * services are reached through VPC endpoints: a gateway endpoint for S3 and
 * interface endpoints (private DNS) for the APIs the platform calls. Every flow is
 * logged to a log group encrypted with a customer-managed key.
 */
export class PlatformNetwork extends Construct {
  /** The APIs data services call besides S3. */
  public static readonly DEFAULT_INTERFACE_ENDPOINTS: readonly ec2.InterfaceVpcEndpointAwsService[] = [
    ec2.InterfaceVpcEndpointAwsService.KMS,
    ec2.InterfaceVpcEndpointAwsService.STS,
    ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
    ec2.InterfaceVpcEndpointAwsService.GLUE,
    ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
  ];

  /** The VPC. */
  public readonly vpc: ec2.Vpc;
  /** Subnets data services run in: private and isolated, one per availability zone. */
  public readonly dataSubnets: ec2.SubnetSelection;
  /** The group receiving every flow record of the VPC. */
  public readonly flowLogGroup: logs.LogGroup;
  /** Interface endpoints, by service name (e.g. `com.amazonaws.eu-west-1.kms`). */
  public readonly interfaceEndpoints: ReadonlyMap<string, ec2.InterfaceVpcEndpoint>;

  constructor(scope: Construct, id: string, props: PlatformNetworkProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const problems: string[] = [];
    const azs = props.availabilityZones;
    if (azs.length < 2) problems.push(`availabilityZones: received ${azs.length}; allowed: 2 or more zones (brokers and nodes spread across zones)`);
    if (!Token.isUnresolved(stack.region)) {
      azs.forEach((az, i) => {
        if (!new RegExp(`^${stack.region}[a-z]$`).test(az)) {
          problems.push(`availabilityZones[${i}]: received '${az}'; allowed: a zone of the stack's region ${stack.region}`);
        }
      });
    } else {
      problems.push('the stack has no concrete region; allowed: a stack pinned to a region (availability zones are regional)');
    }
    if (new Set(azs).size !== azs.length) problems.push(`availabilityZones: received ${azs.join(', ')}; allowed: each zone once`);
    const cidr = props.cidr ?? '10.0.0.0/16';
    if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr)) problems.push(`cidr: received '${cidr}'; allowed: an IPv4 CIDR such as 10.0.0.0/16`);
    const mask = props.subnetCidrMask ?? 20;
    if (!Number.isInteger(mask) || mask < 16 || mask > 28) problems.push(`subnetCidrMask: received ${mask}; allowed: a whole number from 16 to 28`);
    if (problems.length > 0) throw new Error(`Invalid PlatformNetwork '${this.node.path}':\n  - ${problems.join('\n  - ')}`);

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(cidr),
      availabilityZones: [...azs],
      natGateways: 0,
      subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: mask }],
      enableDnsHostnames: true,
      enableDnsSupport: true,
      restrictDefaultSecurityGroup: true,
    });
    this.dataSubnets = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

    this.vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [this.dataSubnets] });
    // One group for every interface endpoint: HTTPS from inside the VPC only, nothing out.
    const endpointSecurityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      description: 'Interface VPC endpoints: HTTPS from inside the VPC only',
      allowAllOutbound: false,
    });
    endpointSecurityGroup.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(443), 'HTTPS from the VPC');
    const endpoints = new Map<string, ec2.InterfaceVpcEndpoint>();
    for (const service of props.interfaceEndpoints ?? PlatformNetwork.DEFAULT_INTERFACE_ENDPOINTS) {
      const endpointId = service.shortName.split(/[^A-Za-z0-9]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
      endpoints.set(
        service.name,
        this.vpc.addInterfaceEndpoint(endpointId, { service, subnets: this.dataSubnets, privateDnsEnabled: true, open: false, securityGroups: [endpointSecurityGroup] }),
      );
    }
    this.interfaceEndpoints = endpoints;

    if (!allowCloudWatchLogs(props.flowLogKey)) {
      Annotations.of(this).addWarningV2(
        'data-platform:network-imported-key',
        'The flow-log key is imported: its key policy must allow the regional CloudWatch Logs service principal to use it; run the BYOK preflight before deploying.',
      );
    }
    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      encryptionKey: props.flowLogKey,
      retention: props.flowLogRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    // L1 flow log: the delivery role gets a customer-managed policy, not an inline one.
    const deliveryRole = new iam.Role(this, 'FlowLogRole', {
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: 'Delivers VPC flow logs to their encrypted log group',
    });
    new iam.ManagedPolicy(this, 'FlowLogDelivery', {
      description: 'Write VPC flow records to the flow-log group only',
      roles: [deliveryRole],
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [this.flowLogGroup.logGroupArn],
        }),
      ],
    });
    new ec2.CfnFlowLog(this, 'FlowLog', {
      resourceId: this.vpc.vpcId,
      resourceType: 'VPC',
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logGroupName: this.flowLogGroup.logGroupName,
      deliverLogsPermissionArn: deliveryRole.roleArn,
      maxAggregationInterval: 60,
    });
  }
}
