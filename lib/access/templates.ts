/**
 * Resolves the intrinsic functions of a set of synthesized CloudFormation templates
 * (one environment: its stacks, region and account) into concrete values, so that
 * policies can be evaluated offline. Physical names that CloudFormation would
 * generate at deploy time are replaced by symbolic but consistent ones derived from
 * logical ids (a bucket without `BucketName` is named after its lowercase logical id),
 * and the same resource always resolves to the same name and ARN, in every stack.
 */

/** A CloudFormation template as JSON. */
export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { readonly Value: unknown; readonly Export?: { readonly Name: unknown } }>;
  readonly Parameters?: Record<string, { readonly Default?: unknown }>;
  readonly Conditions?: Record<string, unknown>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
}

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly Condition?: string;
}

/** One stack of an environment. */
export interface StackTemplate {
  /** The deployed stack name (`dev-eu-Lake`): the value of `AWS::StackName`, and the prefix of CDK export names. */
  readonly stackName: string;
  /** A short name for reports (`dev-eu/Lake`). @default stackName */
  readonly displayName?: string;
  readonly template: CfnTemplate;
}

/** Where the templates are deployed. */
export interface TemplateEnvironment {
  readonly region: string;
  /**
   * Target account. Environment-agnostic synths leave it unknown: then the placeholder
   * `PLACEHOLDER_ACCOUNT` stands for "the environment's account" consistently in every ARN.
   * @default PLACEHOLDER_ACCOUNT
   */
  readonly account?: string;
  /** @default derived from the region (aws, aws-cn, aws-us-gov) */
  readonly partition?: string;
  /** @default derived from the partition (amazonaws.com, amazonaws.com.cn) */
  readonly urlSuffix?: string;
}

/** Stands for the environment's account when the configuration does not name one. */
export const PLACEHOLDER_ACCOUNT = '123456789012';

/** The partition of a region. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

const NO_VALUE = Symbol('AWS::NoValue');

/** Resolves intrinsics across the stacks of one environment. */
export class TemplateResolver {
  public readonly region: string;
  public readonly account: string;
  public readonly partition: string;
  public readonly urlSuffix: string;
  /** Things that could not be resolved (unknown imports, unsupported functions); their values hold `<unresolved ...>`. */
  public readonly warnings: string[] = [];
  private readonly stacks = new Map<string, StackTemplate>();
  private exports?: Map<string, { stack: string; value: unknown }>;
  private readonly resolving = new Set<string>();

  constructor(stacks: readonly StackTemplate[], env: TemplateEnvironment) {
    const problems: string[] = [];
    for (const s of stacks) {
      if (this.stacks.has(s.stackName)) problems.push(`stacks: received stack name '${s.stackName}' twice; allowed: unique stack names`);
      this.stacks.set(s.stackName, s);
    }
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(env.region)) problems.push(`region: received '${env.region}'; allowed: a region name such as eu-west-1`);
    if (env.account !== undefined && !/^\d{12}$/.test(env.account)) problems.push(`account: received '${env.account}'; allowed: 12 digits`);
    if (problems.length > 0) throw new Error(`Invalid templates for access evaluation:\n  - ${problems.join('\n  - ')}`);
    this.region = env.region;
    this.account = env.account ?? PLACEHOLDER_ACCOUNT;
    this.partition = env.partition ?? partitionOf(env.region);
    this.urlSuffix = env.urlSuffix ?? (this.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com');
  }

  /** Stack names, in the order given. */
  public get stackNames(): string[] {
    return [...this.stacks.keys()];
  }

  public stack(stackName: string): StackTemplate {
    const s = this.stacks.get(stackName);
    if (!s) throw new Error(`Unknown stack '${stackName}'; stacks: ${this.stackNames.join(', ')}`);
    return s;
  }

  /** A short name of a stack for reports. */
  public displayName(stackName: string): string {
    return this.stacks.get(stackName)?.displayName ?? stackName;
  }

  /** The resources of a stack, unresolved. */
  public resources(stackName: string): Record<string, CfnResource> {
    return this.stack(stackName).template.Resources ?? {};
  }

  /** Resolves every intrinsic in a value, in the context of a stack. */
  public resolve(stackName: string, value: unknown): unknown {
    const resolved = this.resolveValue(stackName, value);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  /** Resolves a value that must be a string (ARNs, names); anything else becomes `<unresolved ...>`. */
  public resolveString(stackName: string, value: unknown): string {
    const v = this.resolve(stackName, value);
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return this.unresolved(stackName, `non-string value ${JSON.stringify(value)}`);
  }

  /** The resolved properties of a resource. */
  public properties(stackName: string, logicalId: string): Record<string, unknown> {
    const r = this.resources(stackName)[logicalId];
    return (this.resolve(stackName, r?.Properties ?? {}) ?? {}) as Record<string, unknown>;
  }

  /** The value of `Ref` on a resource or parameter. */
  public ref(stackName: string, logicalId: string): string {
    const pseudo = this.pseudo(stackName, logicalId);
    if (pseudo !== undefined) return pseudo;
    const template = this.stack(stackName).template;
    const param = template.Parameters?.[logicalId];
    if (param) return param.Default === undefined ? this.unresolved(stackName, `parameter ${logicalId} without default`) : String(param.Default);
    const resource = template.Resources?.[logicalId];
    if (!resource) return this.unresolved(stackName, `Ref to unknown ${logicalId}`);
    return this.guard(`${stackName}/${logicalId}/Ref`, () => physicalRef(this, stackName, logicalId, resource));
  }

  /** The value of `Fn::GetAtt` on a resource. */
  public getAtt(stackName: string, logicalId: string, attribute: string): string {
    const resource = this.stack(stackName).template.Resources?.[logicalId];
    if (!resource) return this.unresolved(stackName, `GetAtt on unknown ${logicalId}`);
    return this.guard(`${stackName}/${logicalId}/${attribute}`, () => physicalAttribute(this, stackName, logicalId, resource, attribute));
  }

  /** `arn:<partition>:<service>:<region>:<account>:<resource>` in this environment. */
  public arn(service: string, resource: string, options: { region?: string; account?: string } = {}): string {
    return `arn:${this.partition}:${service}:${options.region ?? this.region}:${options.account ?? this.account}:${resource}`;
  }

  private guard(key: string, fn: () => string): string {
    if (this.resolving.has(key)) return this.unresolved('', `circular reference through ${key}`);
    this.resolving.add(key);
    try {
      return fn();
    } finally {
      this.resolving.delete(key);
    }
  }

  private unresolved(stackName: string, what: string): string {
    const message = `${stackName ? `${this.displayName(stackName)}: ` : ''}could not resolve ${what}`;
    if (!this.warnings.includes(message)) this.warnings.push(message);
    return `<unresolved ${what}>`;
  }

  private pseudo(stackName: string, name: string): string | undefined {
    switch (name) {
      case 'AWS::Partition':
        return this.partition;
      case 'AWS::Region':
        return this.region;
      case 'AWS::AccountId':
        return this.account;
      case 'AWS::URLSuffix':
        return this.urlSuffix;
      case 'AWS::StackName':
        return stackName;
      case 'AWS::StackId':
        return this.arn('cloudformation', `stack/${stackName}/00000000-0000-0000-0000-000000000000`);
      case 'AWS::NotificationARNs':
        return '';
      default:
        return undefined;
    }
  }

  private exportMap(): Map<string, { stack: string; value: unknown }> {
    if (!this.exports) {
      this.exports = new Map();
      for (const [stackName, s] of this.stacks) {
        for (const output of Object.values(s.template.Outputs ?? {})) {
          if (output.Export === undefined) continue;
          const name = this.resolveString(stackName, output.Export.Name);
          this.exports.set(name, { stack: stackName, value: output.Value });
        }
      }
    }
    return this.exports;
  }

  private resolveValue(stackName: string, value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolveValue(stackName, v)).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [fn, arg] = entries[0];
      if (fn === 'Ref' || fn.startsWith('Fn::') || fn === 'Condition') return this.intrinsic(stackName, fn, arg);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const r = this.resolveValue(stackName, v);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  private intrinsic(stackName: string, fn: string, arg: unknown): unknown {
    const str = (v: unknown) => this.resolveString(stackName, v);
    switch (fn) {
      case 'Ref':
        return arg === 'AWS::NoValue' ? NO_VALUE : this.ref(stackName, String(arg));
      case 'Fn::GetAtt': {
        const [logicalId, ...attr] = Array.isArray(arg) ? arg.map(String) : String(arg).split('.');
        return this.getAtt(stackName, logicalId, attr.join('.'));
      }
      case 'Fn::Join': {
        const [sep, parts] = arg as [string, unknown];
        const list = this.resolveValue(stackName, parts);
        return Array.isArray(list) ? list.map((p) => (typeof p === 'string' ? p : str(p))).join(sep) : str(list);
      }
      case 'Fn::Sub':
        return this.sub(stackName, arg);
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        const items = this.resolveValue(stackName, list);
        const i = Number(this.resolveValue(stackName, index));
        return Array.isArray(items) && i >= 0 && i < items.length ? items[i] : this.unresolved(stackName, `Fn::Select ${i}`);
      }
      case 'Fn::Split': {
        const [sep, source] = arg as [string, unknown];
        return str(source).split(sep);
      }
      case 'Fn::ImportValue': {
        const name = str(arg);
        const exported = this.exportMap().get(name);
        if (!exported) return this.unresolved(stackName, `Fn::ImportValue '${name}' (no stack exports it)`);
        return this.resolveValue(exported.stack, exported.value);
      }
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((z) => `${this.region}${z}`);
      case 'Fn::Base64':
        return str(arg);
      case 'Fn::FindInMap': {
        const [map, top, second] = (arg as unknown[]).map(str);
        const v = this.stack(stackName).template.Mappings?.[map]?.[top]?.[second];
        return v === undefined ? this.unresolved(stackName, `Fn::FindInMap ${map}.${top}.${second}`) : this.resolveValue(stackName, v);
      }
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = arg as [string, unknown, unknown];
        return this.resolveValue(stackName, this.condition(stackName, condition) ? whenTrue : whenFalse);
      }
      case 'Fn::Equals': {
        const [a, b] = (arg as unknown[]).map((v) => JSON.stringify(this.resolveValue(stackName, v)));
        return a === b;
      }
      case 'Fn::Not':
        return !this.truthy(stackName, (arg as unknown[])[0]);
      case 'Fn::And':
        return (arg as unknown[]).every((c) => this.truthy(stackName, c));
      case 'Fn::Or':
        return (arg as unknown[]).some((c) => this.truthy(stackName, c));
      case 'Condition':
        return this.condition(stackName, String(arg));
      default:
        return this.unresolved(stackName, `${fn}`);
    }
  }

  private truthy(stackName: string, value: unknown): boolean {
    const v = this.resolveValue(stackName, value);
    return v === true || v === 'true';
  }

  private condition(stackName: string, name: string): boolean {
    const definition = this.stack(stackName).template.Conditions?.[name];
    if (definition === undefined) {
      this.unresolved(stackName, `condition ${name}`);
      return false;
    }
    return this.truthy(stackName, definition);
  }

  private sub(stackName: string, arg: unknown): string {
    const [text, vars] = Array.isArray(arg) ? (arg as [string, Record<string, unknown>]) : [String(arg), {}];
    return text.replace(/\$\{(!?)([^}]*)\}/g, (_m, bang: string, name: string) => {
      if (bang) return `\${${name}}`;
      if (vars && name in vars) return this.resolveString(stackName, vars[name]);
      const pseudo = this.pseudo(stackName, name);
      if (pseudo !== undefined) return pseudo;
      const dot = name.indexOf('.');
      return dot > 0 ? this.getAtt(stackName, name.slice(0, dot), name.slice(dot + 1)) : this.ref(stackName, name);
    });
  }
}

/** Tags of a resource as a record, from the list (`[{Key, Value}]`) or map form. */
export function tagsOf(properties: Record<string, unknown>): Record<string, string> {
  const tags = properties.Tags;
  const result: Record<string, string> = {};
  if (Array.isArray(tags)) {
    for (const t of tags as { Key?: unknown; Value?: unknown }[]) {
      if (typeof t?.Key === 'string') result[t.Key] = String(t.Value ?? '');
    }
  } else if (tags && typeof tags === 'object') {
    for (const [k, v] of Object.entries(tags)) result[k] = String(v);
  }
  return result;
}

/** The name a resource gets: its name property when set, else a symbolic name from its logical id. */
export function physicalName(resolver: TemplateResolver, stackName: string, logicalId: string, resource: CfnResource): string {
  const raw = resource.Properties ?? {};
  const nameProperty = NAME_PROPERTIES[resource.Type];
  if (nameProperty) {
    let v: unknown = raw;
    for (const part of nameProperty.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
    if (v !== undefined) return resolver.resolveString(stackName, v);
  }
  return resource.Type === 'AWS::S3::Bucket' ? logicalId.toLowerCase() : logicalId;
}

const NAME_PROPERTIES: Record<string, string> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::Policy': 'PolicyName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::KMS::Alias': 'AliasName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::MSK::Cluster': 'ClusterName',
  'AWS::MSK::ServerlessCluster': 'ClusterName',
  'AWS::MSK::Topic': 'TopicName',
  'AWS::CloudTrail::Trail': 'TrailName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Glue::Database': 'DatabaseInput.Name',
  'AWS::Glue::Table': 'TableInput.Name',
  'AWS::Glue::Job': 'Name',
  'AWS::Glue::Crawler': 'Name',
  'AWS::Glue::Registry': 'Name',
  'AWS::Glue::Schema': 'Name',
  'AWS::Glue::DataQualityRuleset': 'Name',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::Events::EventBus': 'Name',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::EMR::Cluster': 'Name',
};

/** ARN of a resource, for the types the access matrix meets; a consistent symbolic ARN otherwise. */
function resourceArn(resolver: TemplateResolver, stackName: string, logicalId: string, resource: CfnResource): string {
  const name = physicalName(resolver, stackName, logicalId, resource);
  const p = resolver.partition;
  const props = resource.Properties ?? {};
  switch (resource.Type) {
    case 'AWS::S3::Bucket':
      return `arn:${p}:s3:::${name}`;
    case 'AWS::IAM::Role':
    case 'AWS::IAM::User':
    case 'AWS::IAM::Group':
    case 'AWS::IAM::ManagedPolicy': {
      const kind = { 'AWS::IAM::Role': 'role', 'AWS::IAM::User': 'user', 'AWS::IAM::Group': 'group', 'AWS::IAM::ManagedPolicy': 'policy' }[resource.Type];
      const path = props.Path === undefined ? '/' : resolver.resolveString(stackName, props.Path);
      return resolver.arn('iam', `${kind}${path}${name}`, { region: '' });
    }
    case 'AWS::KMS::Key':
      return resolver.arn('kms', `key/${keyId(logicalId)}`);
    case 'AWS::KMS::Alias':
      return resolver.arn('kms', name);
    case 'AWS::Logs::LogGroup':
      return resolver.arn('logs', `log-group:${name}:*`);
    case 'AWS::SNS::Topic':
      return resolver.arn('sns', name);
    case 'AWS::SQS::Queue':
      return resolver.arn('sqs', name);
    case 'AWS::DynamoDB::Table':
      return resolver.arn('dynamodb', `table/${name}`);
    case 'AWS::MSK::Cluster':
    case 'AWS::MSK::ServerlessCluster':
      return resolver.arn('kafka', `cluster/${name}/${clusterUuid(logicalId)}`);
    case 'AWS::MSK::Topic': {
      const cluster = resolver.resolveString(stackName, props.ClusterArn);
      return cluster.replace(':cluster/', ':topic/') + `/${name}`;
    }
    case 'AWS::CloudTrail::Trail':
      return resolver.arn('cloudtrail', `trail/${name}`);
    case 'AWS::Lambda::Function':
      return resolver.arn('lambda', `function:${name}`);
    case 'AWS::StepFunctions::StateMachine':
      return resolver.arn('states', `stateMachine:${name}`);
    case 'AWS::Glue::Database':
      return resolver.arn('glue', `database/${name}`);
    case 'AWS::Glue::Registry':
      return resolver.arn('glue', `registry/${name}`);
    case 'AWS::Glue::Job':
      return resolver.arn('glue', `job/${name}`);
    case 'AWS::Glue::Crawler':
      return resolver.arn('glue', `crawler/${name}`);
    case 'AWS::SecretsManager::Secret':
      return resolver.arn('secretsmanager', `secret:${name}`);
    case 'AWS::Kinesis::Stream':
      return resolver.arn('kinesis', `stream/${name}`);
    case 'AWS::Events::EventBus':
      return resolver.arn('events', `event-bus/${name}`);
    default: {
      const [, service = 'unknown', type = 'resource'] = resource.Type.split('::');
      return resolver.arn(service.toLowerCase(), `${type.toLowerCase()}/${name}`);
    }
  }
}

/** Key ids are UUIDs at deploy time; offline a readable, stable stand-in from the logical id. */
function keyId(logicalId: string): string {
  return logicalId;
}

function clusterUuid(logicalId: string): string {
  return `${logicalId.toLowerCase()}-uuid`;
}

/** Types whose `Ref` is their ARN. */
const REF_IS_ARN = new Set([
  'AWS::IAM::ManagedPolicy',
  'AWS::SNS::Topic',
  'AWS::MSK::Cluster',
  'AWS::MSK::ServerlessCluster',
  'AWS::MSK::Topic',
  'AWS::StepFunctions::StateMachine',
  'AWS::SecretsManager::Secret',
]);

function physicalRef(resolver: TemplateResolver, stackName: string, logicalId: string, resource: CfnResource): string {
  if (REF_IS_ARN.has(resource.Type)) return resourceArn(resolver, stackName, logicalId, resource);
  if (resource.Type === 'AWS::KMS::Key') return keyId(logicalId);
  if (resource.Type === 'AWS::SQS::Queue') {
    return `https://sqs.${resolver.region}.${resolver.urlSuffix}/${resolver.account}/${physicalName(resolver, stackName, logicalId, resource)}`;
  }
  return physicalName(resolver, stackName, logicalId, resource);
}

function physicalAttribute(resolver: TemplateResolver, stackName: string, logicalId: string, resource: CfnResource, attribute: string): string {
  const name = physicalName(resolver, stackName, logicalId, resource);
  switch (attribute) {
    case 'Arn':
    case 'TopicArn':
    case 'PolicyArn':
    case 'ClusterArn':
    case 'StateMachineArn':
    case 'TableArn':
      return resourceArn(resolver, stackName, logicalId, resource);
    case 'KeyId':
      return keyId(logicalId);
    case 'QueueUrl':
      return physicalRef(resolver, stackName, logicalId, { ...resource, Type: 'AWS::SQS::Queue' });
    case 'RoleId':
      return `AROA${logicalId.toUpperCase()}`;
    case 'DomainName':
      return `${name}.s3.${resolver.urlSuffix}`;
    case 'RegionalDomainName':
      return `${name}.s3.${resolver.region}.${resolver.urlSuffix}`;
    case 'StreamArn':
      return `${resourceArn(resolver, stackName, logicalId, resource)}/stream/1970-01-01T00:00:00.000`;
    default:
      if (/Name$/.test(attribute)) return name;
      return `${logicalId}.${attribute}`;
  }
}
