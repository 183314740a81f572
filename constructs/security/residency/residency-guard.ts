import { CfnResource, Stack, Stage, Token } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { ResidencyGuardProps } from './residency-guard-props';

/** Region names: `eu-west-1`, `us-gov-west-1`, `ap-southeast-3`, ... (also inside AZ names and ARNs). */
const REGION = /\b[a-z]{2}(?:-gov|-iso[a-z]?)?-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d{1,2}(?!\d)/g;
/** Region segment of an ARN. */
const ARN_REGION = /^arn:[a-z-]+:[a-z0-9-]+:([a-z0-9-]*):/;
/** Resource types CDK creates for `crossRegionReferences`. */
const CROSS_REGION_REFERENCE_TYPES = ['Custom::CrossRegionExportWriter', 'Custom::CrossRegionExportReader'];

/** One finding: the construct, what is wrong, and the offending value. */
export interface ResidencyViolation {
  /** Construct path of the resource or stack. */
  readonly path: string;
  /** Kind of violation. */
  readonly kind: 'environment-agnostic' | 'stack-region' | 'region-reference' | 'multi-region-key' | 's3-replication' | 'msk-replicator' | 'cross-region-reference';
  /** Full message: resource, property, offending value and what is allowed. */
  readonly message: string;
}

/**
 * Fails synthesis when anything in a stage points outside its residency zone:
 * environment-agnostic stacks or stacks in other regions, any other region in any
 * resolved resource property (region names, ARNs, AZs, endpoints), multi-Region KMS
 * keys, S3 replication to buckets the environment does not define, MSK replicators
 * with clusters outside the zone, and cross-region references between stacks.
 *
 * Runs as a construct validation (`node.addValidation`), after every construct and
 * aspect has run, so it sees the templates as they will be written.
 */
export class ResidencyGuard extends Construct {
  private readonly allowed: ReadonlySet<string>;

  constructor(scope: Construct, id: string, private readonly props: ResidencyGuardProps) {
    super(scope, id);
    if (props.allowedRegions.length === 0) {
      throw new Error(`Invalid ResidencyGuard '${this.node.path}':\n  - allowedRegions: received none; allowed: the regions of zone '${props.zoneName}'`);
    }
    this.allowed = new Set(props.allowedRegions);
    this.node.addValidation({ validate: () => this.violations().map((v) => v.message) });
  }

  /** Every violation in the stage, in construct order. */
  public violations(): ResidencyViolation[] {
    const stage = this.props.stage ?? Stage.of(this);
    if (!stage) return [];
    const found: ResidencyViolation[] = [];
    for (const stack of stacksIn(stage)) found.push(...this.checkStack(stack));
    return found;
  }

  private get allowedText(): string {
    return `allowed: regions of residency zone '${this.props.zoneName}' (${this.props.allowedRegions.join(', ')})`;
  }

  private checkStack(stack: Stack): ResidencyViolation[] {
    const found: ResidencyViolation[] = [];
    const path = stack.node.path;
    if (Token.isUnresolved(stack.region)) {
      found.push({
        path,
        kind: 'environment-agnostic',
        message: `${path}: stack is environment-agnostic (region unresolved, received '${stack.resolve(stack.region) === undefined ? 'undefined' : JSON.stringify(stack.resolve(stack.region))}'); a stack must be pinned to a region; ${this.allowedText}`,
      });
    } else if (!this.allowed.has(stack.region)) {
      found.push({ path, kind: 'stack-region', message: `${path}: stack region '${stack.region}' is outside the zone; ${this.allowedText}` });
    }
    for (const dependency of stack.dependencies) {
      if (!Token.isUnresolved(dependency.region) && !Token.isUnresolved(stack.region) && dependency.region !== stack.region) {
        found.push({
          path,
          kind: 'cross-region-reference',
          message: `${path}: depends on stack ${dependency.node.path} in region '${dependency.region}' (stack region '${stack.region}'); allowed: dependencies within one region`,
        });
      }
    }
    for (const resource of resourcesIn(stack)) found.push(...this.checkResource(stack, resource));
    return found;
  }

  private checkResource(stack: Stack, resource: CfnResource): ResidencyViolation[] {
    const found: ResidencyViolation[] = [];
    const path = resource.node.path;
    const rendered = stack.resolve((resource as unknown as { _toCloudFormation(): object })._toCloudFormation()) as {
      Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
    };
    const claimed = new Set<string>();
    for (const body of Object.values(rendered.Resources ?? {})) {
      const props = body.Properties ?? {};
      if (CROSS_REGION_REFERENCE_TYPES.includes(body.Type)) {
        found.push({
          path,
          kind: 'cross-region-reference',
          message: `${path}: cross-region reference (${body.Type}) in stack region '${stack.region}'; allowed: references within one region (turn off crossRegionReferences)`,
        });
      }
      if (body.Type === 'AWS::KMS::Key' && (props.MultiRegion === true || props.MultiRegion === 'true')) {
        found.push({ path, kind: 'multi-region-key', message: `${path}: MultiRegion is ${JSON.stringify(props.MultiRegion)}; key material could be replicated out of the zone; allowed: single-Region keys (MultiRegion false)` });
      }
      if (body.Type === 'AWS::S3::Bucket') {
        const rules = ((props.ReplicationConfiguration as { Rules?: unknown[] } | undefined)?.Rules ?? []) as { Destination?: { Bucket?: unknown } }[];
        rules.forEach((rule, i) => {
          const destination = rule.Destination?.Bucket;
          const property = `ReplicationConfiguration.Rules[${i}].Destination.Bucket`;
          claimed.add(property);
          if (!isReferenceInEnvironment(destination)) {
            found.push({
              path,
              kind: 's3-replication',
              message: `${path}: ${property} is ${JSON.stringify(destination)}, a bucket this environment does not define (S3 ARNs carry no region, so it cannot be proven in zone); allowed: a bucket of a stack of this environment`,
            });
          }
        });
      }
      if (body.Type === 'AWS::MSK::Replicator') {
        const clusters = (props.KafkaClusters ?? []) as { AmazonMskCluster?: { MskClusterArn?: unknown } }[];
        clusters.forEach((cluster, i) => {
          const arn = cluster.AmazonMskCluster?.MskClusterArn;
          const property = `KafkaClusters[${i}].AmazonMskCluster.MskClusterArn`;
          claimed.add(property);
          if (isReferenceInEnvironment(arn)) return;
          const region = typeof arn === 'string' ? ARN_REGION.exec(arn)?.[1] : undefined;
          if (region === undefined || !this.allowed.has(region)) {
            found.push({
              path,
              kind: 'msk-replicator',
              message: `${path}: ${property} is ${JSON.stringify(arn)}${region ? ` (region '${region}')` : ''}, a cluster outside the zone; ${this.allowedText}`,
            });
          }
        });
      }
      walkStrings(props, '', (property, value) => {
        if (claimed.has(property)) return;
        for (const region of new Set(value.match(REGION) ?? [])) {
          if (this.allowed.has(region)) continue;
          found.push({
            path,
            kind: 'region-reference',
            message: `${path}: ${property || 'Properties'} names region '${region}' (value ${JSON.stringify(value)}); ${this.allowedText}`,
          });
        }
      });
    }
    return found;
  }
}

/** True for a reference to a resource of this environment: Ref, GetAtt or an import of a same-region export. */
function isReferenceInEnvironment(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && ['Ref', 'Fn::GetAtt', 'Fn::ImportValue'].includes(keys[0]);
}

/** Calls `visit` with the property path of every string inside a resolved value. */
function walkStrings(value: unknown, path: string, visit: (path: string, value: string) => void): void {
  if (typeof value === 'string') {
    visit(path, value);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walkStrings(v, `${path}[${i}]`, visit));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) walkStrings(v, path ? `${path}.${k}` : k, visit);
  }
}

/** Stacks of a stage (nested stages excluded: they are their own environments). */
function stacksIn(stage: Stage): Stack[] {
  const stacks: Stack[] = [];
  const visit = (c: IConstruct) => {
    if (c !== stage && Stage.isStage(c)) return;
    if (Stack.isStack(c)) stacks.push(c);
    c.node.children.forEach(visit);
  };
  visit(stage);
  return stacks;
}

/** CloudFormation resources of a stack (nested stacks are stacks of their own). */
function resourcesIn(stack: Stack): CfnResource[] {
  return stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack);
}
