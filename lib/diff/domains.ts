/**
 * Domains a difference is grouped under, so a reviewer reads keys, lake, audit,
 * streaming... apart. Stacks added later (streaming, processing, access, network,
 * privacy) are grouped by their resource types or their stack id without a change here.
 */
export const DOMAINS = [
  'keys',
  'lake',
  'audit',
  'streaming',
  'processing',
  'access',
  'privacy',
  'network',
  'observability',
  'tags',
  'other',
] as const;
export type Domain = (typeof DOMAINS)[number];

/** Resource types that belong to one domain wherever they are declared (prefix match). */
const TYPE_DOMAINS: readonly (readonly [string, Domain])[] = [
  ['AWS::KMS::', 'keys'],
  ['AWS::MSK::', 'streaming'],
  ['AWS::KafkaConnect::', 'streaming'],
  ['AWS::Kinesis::', 'streaming'],
  ['AWS::EMR::', 'processing'],
  ['AWS::EMRServerless::', 'processing'],
  ['AWS::Glue::', 'processing'],
  ['AWS::CloudTrail::', 'audit'],
  ['AWS::LakeFormation::', 'access'],
  ['AWS::EC2::VPC', 'network'],
  ['AWS::EC2::Subnet', 'network'],
  ['AWS::EC2::RouteTable', 'network'],
  ['AWS::EC2::Route', 'network'],
  ['AWS::EC2::InternetGateway', 'network'],
  ['AWS::EC2::NatGateway', 'network'],
  ['AWS::EC2::FlowLog', 'network'],
  ['AWS::EC2::NetworkAcl', 'network'],
  ['AWS::CloudWatch::', 'observability'],
];

/** Stack ids (inside an environment's stage) and the domain of their other resources. */
const STACK_DOMAINS: Readonly<Record<string, Domain>> = {
  foundation: 'keys',
  keys: 'keys',
  lake: 'lake',
  storage: 'lake',
  audit: 'audit',
  streaming: 'streaming',
  ingestion: 'streaming',
  processing: 'processing',
  catalog: 'processing',
  quality: 'processing',
  access: 'access',
  rbac: 'access',
  privacy: 'privacy',
  residency: 'privacy',
  network: 'network',
  observability: 'observability',
  monitoring: 'observability',
};

/** The domain of a resource: its type if distinctive, else its stack, else `other`. */
export function domainOf(stackId: string, resourceType: string | undefined): Domain {
  if (resourceType !== undefined) {
    const byType = TYPE_DOMAINS.find(([prefix]) => resourceType.startsWith(prefix));
    if (byType) return byType[1];
  }
  return STACK_DOMAINS[stackId.toLowerCase()] ?? 'other';
}
