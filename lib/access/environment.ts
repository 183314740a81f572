/**
 * The access-relevant model of one environment, read from its resolved templates:
 * roles with their identity policies and permission boundary, and the resources the
 * access matrix targets with their resource-based policies (bucket, key, topic,
 * queue, cluster and secret policies).
 */
import { knownAwsManagedPolicy } from './aws-managed-policies';
import { arnMatches, splitArn } from './matching';
import { PolicyDocument, SourcedPolicy } from './policy';
import { CfnResource, StackTemplate, tagsOf, TemplateEnvironment, TemplateResolver } from './templates';

/** A resource found in the templates. */
export interface ResourceRef {
  /** Stack name (`dev-eu-Lake`). */
  readonly stack: string;
  /** Short stack name for reports (`dev-eu/Lake`). */
  readonly stackDisplayName: string;
  readonly logicalId: string;
  readonly type: string;
  /** Construct path from the `aws:cdk:path` metadata, when present. */
  readonly path?: string;
  /** Resolved tags. */
  readonly tags: Readonly<Record<string, string>>;
}

/** An IAM role and what it may do. */
export interface RoleModel extends ResourceRef {
  readonly name: string;
  readonly arn: string;
  /** Inline policies, `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` documents attached to the role. */
  readonly identityPolicies: readonly SourcedPolicy[];
  /** ARN of the permission boundary, if the role has one. */
  readonly boundaryArn?: string;
  /** The boundary document, when `boundaryArn` is a managed policy of these templates. */
  readonly boundary?: SourcedPolicy;
  /** Managed policies attached by ARN that are neither in the templates nor known AWS managed policies (see KNOWN_AWS_MANAGED_POLICIES): not evaluated. */
  readonly unresolvedPolicyArns: readonly string[];
}

export interface BucketModel extends ResourceRef {
  readonly name: string;
  readonly arn: string;
  readonly objectLockEnabled: boolean;
  /** ARN of the bucket's default encryption key, when it is SSE-KMS. */
  readonly encryptionKeyArn?: string;
}

export interface KeyModel extends ResourceRef {
  readonly arn: string;
  readonly keyId: string;
  readonly aliases: readonly string[];
}

export interface TopicModel extends ResourceRef {
  readonly name: string;
  readonly arn: string;
  readonly clusterArn: string;
}

export interface TrailModel extends ResourceRef {
  readonly name: string;
  readonly arn: string;
  /** Name of the bucket the trail delivers to. */
  readonly bucketName?: string;
}

/** A resource-based policy and the resources it governs. */
export interface ResourcePolicyModel {
  readonly policy: SourcedPolicy;
  /** ARN patterns of the resources the policy is attached to (a bucket policy covers the bucket and its objects). */
  readonly covers: readonly string[];
}

/** An environment, ready for evaluation. */
export interface ResolvedEnvironment {
  readonly region: string;
  readonly account: string;
  readonly partition: string;
  readonly roles: readonly RoleModel[];
  readonly buckets: readonly BucketModel[];
  readonly keys: readonly KeyModel[];
  readonly topics: readonly TopicModel[];
  readonly trails: readonly TrailModel[];
  readonly resourcePolicies: readonly ResourcePolicyModel[];
  /** What could not be resolved or evaluated; a reviewer should read these. */
  readonly warnings: readonly string[];
  readonly resolver: TemplateResolver;
}

/** Reads the access model of an environment from its templates. */
export function resolveEnvironment(stacks: readonly StackTemplate[], env: TemplateEnvironment): ResolvedEnvironment {
  const resolver = new TemplateResolver(stacks, env);
  const all: { ref: ResourceRef; resource: CfnResource; props: Record<string, unknown> }[] = [];
  for (const stackName of resolver.stackNames) {
    for (const [logicalId, resource] of Object.entries(resolver.resources(stackName))) {
      const props = resolver.properties(stackName, logicalId);
      const path = resource.Metadata?.['aws:cdk:path'];
      all.push({
        ref: {
          stack: stackName,
          stackDisplayName: resolver.displayName(stackName),
          logicalId,
          type: resource.Type,
          path: typeof path === 'string' ? path : undefined,
          tags: tagsOf(props),
        },
        resource,
        props,
      });
    }
  }
  const ofType = (type: string) => all.filter((r) => r.resource.Type === type);
  const label = (ref: ResourceRef) => `${ref.stackDisplayName}/${ref.logicalId}`;
  const warnings: string[] = [];

  // Managed policies by ARN, and the roles each attaches to through its Roles property.
  const managed = new Map<string, { policy: SourcedPolicy; roles: string[] }>();
  for (const { ref, props } of ofType('AWS::IAM::ManagedPolicy')) {
    const arn = resolver.getAtt(ref.stack, ref.logicalId, 'PolicyArn');
    managed.set(arn, {
      policy: sourced('identity', `managed policy ${label(ref)}`, ref, props.PolicyDocument),
      roles: stringList(props.Roles),
    });
  }
  const roles: RoleModel[] = ofType('AWS::IAM::Role').map(({ ref, props }) => {
    const name = resolver.ref(ref.stack, ref.logicalId);
    const arn = resolver.getAtt(ref.stack, ref.logicalId, 'Arn');
    const identityPolicies: SourcedPolicy[] = [];
    for (const p of (props.Policies as { PolicyName?: string; PolicyDocument?: unknown }[] | undefined) ?? []) {
      identityPolicies.push(sourced('identity', `inline policy '${p.PolicyName}' of ${label(ref)}`, ref, p.PolicyDocument));
    }
    for (const { ref: pref, props: pprops } of ofType('AWS::IAM::Policy')) {
      if (stringList(pprops.Roles).includes(name)) identityPolicies.push(sourced('identity', `policy ${label(pref)}`, pref, pprops.PolicyDocument));
    }
    const unresolvedPolicyArns: string[] = [];
    for (const policyArn of stringList(props.ManagedPolicyArns)) {
      const m = managed.get(policyArn);
      const known = knownAwsManagedPolicy(policyArn);
      if (m) identityPolicies.push(m.policy);
      else if (known) identityPolicies.push({ source: { kind: 'identity', name: `AWS managed policy ${known.name}` }, document: known.document });
      else unresolvedPolicyArns.push(policyArn);
    }
    for (const m of managed.values()) {
      if (m.roles.includes(name) && !identityPolicies.includes(m.policy)) identityPolicies.push(m.policy);
    }
    if (unresolvedPolicyArns.length > 0) {
      warnings.push(`${label(ref)}: managed policies not in the templates are not evaluated: ${unresolvedPolicyArns.join(', ')}`);
    }
    const boundaryArn = typeof props.PermissionsBoundary === 'string' ? props.PermissionsBoundary : undefined;
    const knownBoundary = boundaryArn ? knownAwsManagedPolicy(boundaryArn) : undefined;
    const boundaryPolicy =
      (boundaryArn ? managed.get(boundaryArn) : undefined) ??
      (knownBoundary ? { policy: { source: { kind: 'identity' as const, name: `managed policy AWS ${knownBoundary.name}` }, document: knownBoundary.document }, roles: [] } : undefined);
    if (boundaryArn && !boundaryPolicy) warnings.push(`${label(ref)}: permission boundary ${boundaryArn} is not in the templates; evaluated without it`);
    const boundary = boundaryPolicy ? { source: { ...boundaryPolicy.policy.source, kind: 'boundary' as const, name: `boundary ${boundaryPolicy.policy.source.name.replace(/^managed policy /, '')}` }, document: boundaryPolicy.policy.document } : undefined;
    return { ...ref, name, arn, identityPolicies, boundaryArn, boundary, unresolvedPolicyArns };
  });

  const keyArns = new Map<string, KeyModel>();
  const keys: KeyModel[] = ofType('AWS::KMS::Key').map(({ ref }) => {
    const key: KeyModel = {
      ...ref,
      arn: resolver.getAtt(ref.stack, ref.logicalId, 'Arn'),
      keyId: resolver.ref(ref.stack, ref.logicalId),
      aliases: [],
    };
    keyArns.set(key.arn, key);
    keyArns.set(key.keyId, key);
    return key;
  });
  for (const { props } of ofType('AWS::KMS::Alias')) {
    const key = keyArns.get(String(props.TargetKeyId));
    if (key) (key.aliases as string[]).push(String(props.AliasName));
  }

  const buckets: BucketModel[] = ofType('AWS::S3::Bucket').map(({ ref, props }) => {
    const sse = (props.BucketEncryption as { ServerSideEncryptionConfiguration?: { ServerSideEncryptionByDefault?: { KMSMasterKeyID?: unknown } }[] } | undefined)
      ?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault?.KMSMasterKeyID;
    const keyRef = typeof sse === 'string' ? sse : undefined;
    return {
      ...ref,
      name: resolver.ref(ref.stack, ref.logicalId),
      arn: resolver.getAtt(ref.stack, ref.logicalId, 'Arn'),
      objectLockEnabled: props.ObjectLockEnabled === true || props.ObjectLockEnabled === 'true',
      encryptionKeyArn: keyRef ? (keyArns.get(keyRef)?.arn ?? keyRef) : undefined,
    };
  });

  const topics: TopicModel[] = ofType('AWS::MSK::Topic').map(({ ref, props }) => ({
    ...ref,
    name: String(props.TopicName ?? ref.logicalId),
    arn: resolver.getAtt(ref.stack, ref.logicalId, 'TopicArn'),
    clusterArn: String(props.ClusterArn),
  }));

  const trails: TrailModel[] = ofType('AWS::CloudTrail::Trail').map(({ ref, props }) => ({
    ...ref,
    name: resolver.ref(ref.stack, ref.logicalId),
    arn: resolver.getAtt(ref.stack, ref.logicalId, 'Arn'),
    bucketName: typeof props.S3BucketName === 'string' ? props.S3BucketName : undefined,
  }));

  const resourcePolicies: ResourcePolicyModel[] = [];
  for (const { ref, props } of ofType('AWS::S3::BucketPolicy')) {
    const bucketArn = `arn:${resolver.partition}:s3:::${String(props.Bucket)}`;
    resourcePolicies.push({ policy: sourced('resource', `bucket policy ${label(ref)}`, ref, props.PolicyDocument), covers: [bucketArn, `${bucketArn}/*`] });
  }
  for (const key of keys) {
    const props = all.find((r) => r.ref.stack === key.stack && r.ref.logicalId === key.logicalId)?.props ?? {};
    resourcePolicies.push({ policy: sourced('resource', `key policy ${label(key)}`, key, props.KeyPolicy), covers: [key.arn] });
  }
  for (const { ref, props } of ofType('AWS::SNS::TopicPolicy')) {
    resourcePolicies.push({ policy: sourced('resource', `topic policy ${label(ref)}`, ref, props.PolicyDocument), covers: stringList(props.Topics) });
  }
  for (const { ref, props } of ofType('AWS::SQS::QueuePolicy')) {
    const queueArns = stringList(props.Queues).map((url) => {
      const [, , , account, name] = url.split('/');
      return resolver.arn('sqs', name ?? url, { account });
    });
    resourcePolicies.push({ policy: sourced('resource', `queue policy ${label(ref)}`, ref, props.PolicyDocument), covers: queueArns });
  }
  for (const { ref, props } of ofType('AWS::MSK::ClusterPolicy')) {
    const cluster = String(props.ClusterArn);
    const parts = splitArn(cluster);
    const clusterPath = parts?.[5].replace(/^cluster\//, '') ?? '';
    const covers = [cluster, ...(parts ? ['topic', 'group', 'transactional-id'].map((k) => `${parts.slice(0, 5).join(':')}:${k}/${clusterPath}/*`) : [])];
    resourcePolicies.push({ policy: sourced('resource', `cluster policy ${label(ref)}`, ref, props.Policy), covers });
  }
  for (const { ref, props } of ofType('AWS::SecretsManager::ResourcePolicy')) {
    resourcePolicies.push({ policy: sourced('resource', `secret policy ${label(ref)}`, ref, props.ResourcePolicy), covers: [String(props.SecretId)] });
  }

  return {
    region: resolver.region,
    account: resolver.account,
    partition: resolver.partition,
    roles,
    buckets,
    keys,
    topics,
    trails,
    resourcePolicies,
    warnings: [...resolver.warnings, ...warnings],
    resolver,
  };
}

/** The resource-based policies that govern a resource ARN. */
export function resourcePoliciesFor(env: ResolvedEnvironment, resourceArn: string): SourcedPolicy[] {
  return env.resourcePolicies.filter((p) => p.covers.some((pattern) => arnMatches(pattern, resourceArn))).map((p) => p.policy);
}

function sourced(kind: 'identity' | 'resource', name: string, ref: ResourceRef, document: unknown): SourcedPolicy {
  const doc = (typeof document === 'string' ? JSON.parse(document) : document) as PolicyDocument | undefined;
  return {
    source: { kind, name, stack: ref.stackDisplayName, logicalId: ref.logicalId, path: ref.path },
    document: doc && doc.Statement !== undefined ? doc : { Version: '2012-10-17', Statement: [] },
  };
}

function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
