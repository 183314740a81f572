/**
 * The access matrix of an environment: persona x target x action -> allowed or denied,
 * with the statements that decided, computed from the synthesized IAM, bucket and key
 * policies by the evaluator. JSON-serializable; `renderAccessMatrixMarkdown` prints it.
 */
import { RequestContext } from './context';
import { Decision, evaluate, PolicySet, StatementRef } from './evaluator';
import { BucketModel, KeyModel, resolveEnvironment, ResolvedEnvironment, resourcePoliciesFor, RoleModel, TopicModel, TrailModel } from './environment';
import { PolicyKind, SourcedPolicy } from './policy';
import { StackTemplate, TemplateEnvironment } from './templates';

/** Tag that marks a role as a persona; its value is the persona name. */
export const PERSONA_TAG = 'persona';
/** Tag of lake zone buckets (value: the zone). */
export const DATA_ZONE_TAG = 'data-zone';
/** Tag on a zone's replica bucket naming the zone it copies. */
export const REPLICA_OF_TAG = 'replica-of';
/** Tag of keys and stores (value: the classification). */
export const DATA_CLASSIFICATION_TAG = 'data-classification';

export type TargetKind = 'bucket' | 'key' | 'topic' | 'trail';

/** One action to test on a kind of target. */
export interface ActionSpec {
  /** Short label in the matrix (`read`, `write`, `schedule-deletion`). */
  readonly label: string;
  /** IAM action (`s3:GetObject`). */
  readonly action: string;
  /** For buckets: whether the request is on an object (`<bucket>/<objectKey>`) or the bucket. @default 'bucket' */
  readonly on?: 'object' | 'bucket';
  /** Whether the request goes through S3 (adds `kms:ViaService` = S3 in the region, for keys). @default false */
  readonly viaS3?: boolean;
  /** Extra condition keys for this action. @default none */
  readonly context?: RequestContext;
}

/** The actions tested per target kind unless the input overrides them. */
export const DEFAULT_ACTIONS: Readonly<Record<TargetKind, readonly ActionSpec[]>> = {
  bucket: [
    { label: 'read', action: 's3:GetObject', on: 'object' },
    { label: 'write', action: 's3:PutObject', on: 'object' },
    { label: 'delete', action: 's3:DeleteObject', on: 'object' },
    { label: 'list', action: 's3:ListBucket', on: 'bucket' },
    { label: 'change-object-lock', action: 's3:PutBucketObjectLockConfiguration', on: 'bucket' },
    { label: 'change-policy', action: 's3:PutBucketPolicy', on: 'bucket' },
  ],
  key: [
    { label: 'decrypt-via-s3', action: 'kms:Decrypt', viaS3: true },
    { label: 'encrypt-via-s3', action: 'kms:GenerateDataKey', viaS3: true },
    { label: 'decrypt-direct', action: 'kms:Decrypt' },
    { label: 'schedule-deletion', action: 'kms:ScheduleKeyDeletion' },
    { label: 'change-policy', action: 'kms:PutKeyPolicy' },
  ],
  topic: [
    { label: 'consume', action: 'kafka-cluster:ReadData' },
    { label: 'produce', action: 'kafka-cluster:WriteData' },
    { label: 'alter', action: 'kafka-cluster:AlterTopic' },
    { label: 'delete', action: 'kafka-cluster:DeleteTopic' },
  ],
  trail: [
    { label: 'stop-logging', action: 'cloudtrail:StopLogging' },
    { label: 'delete', action: 'cloudtrail:DeleteTrail' },
    { label: 'update', action: 'cloudtrail:UpdateTrail' },
  ],
};

/** A persona given explicitly: its name and the role (logical id, role name, ARN, or construct path or its last part). */
export interface SubjectSpec {
  readonly name: string;
  readonly role: string;
}

/** A target given explicitly. */
export interface TargetSpec {
  readonly kind: TargetKind;
  readonly name: string;
  /** ARN of the bucket, key, topic or trail. */
  readonly arn: string;
}

export interface AccessMatrixInput {
  /** The environment's templates with region and account (see `loadAssembly`), or an environment already resolved. */
  readonly templates: (TemplateEnvironment & { readonly stacks: readonly StackTemplate[] }) | ResolvedEnvironment;
  /** Personas. @default every role tagged `persona`, named by the tag value */
  readonly subjects?: readonly SubjectSpec[];
  /** Targets. @default zone buckets (tag `data-zone`), trail buckets, keys (tag `data-classification`), MSK topics, trails */
  readonly targets?: readonly TargetSpec[];
  /** Actions per target kind. @default DEFAULT_ACTIONS */
  readonly actions?: Partial<Record<TargetKind, readonly ActionSpec[]>>;
  /** Object key used for object-level bucket actions. @default 'data/object' */
  readonly objectKey?: string;
  /**
   * Condition keys of every request, over the defaults: `aws:SecureTransport` true,
   * `s3:TlsVersion` 1.3, `aws:RequestedRegion` the environment's region,
   * `kms:CallerAccount` the account. @default the defaults only
   */
  readonly context?: RequestContext;
  /** Service control policies of the account. @default none */
  readonly scp?: readonly SourcedPolicy[];
}

/** A statement that decided a cell, in a form reports can print. */
export interface DecidingStatement {
  readonly kind: PolicyKind;
  /** Human-readable policy name (`bucket policy dev-eu/Lake/DataLakeRawPolicyAC49BDC4`). */
  readonly policy: string;
  readonly stack?: string;
  readonly logicalId?: string;
  readonly sid?: string;
  readonly index: number;
  readonly effect: 'Allow' | 'Deny';
}

export interface MatrixRow {
  readonly subject: string;
  readonly roleArn: string;
  readonly target: string;
  readonly targetKind: TargetKind;
  readonly targetArn: string;
  readonly label: string;
  readonly action: string;
  /** The resource ARN of the request (an object ARN for object-level actions). */
  readonly resource: string;
  readonly decision: Decision;
  readonly allowed: boolean;
  readonly reason: string;
  readonly deciding: readonly DecidingStatement[];
}

export interface AccessMatrix {
  readonly environment: { readonly region: string; readonly account: string; readonly partition: string };
  readonly subjects: readonly { readonly name: string; readonly roleArn: string; readonly boundary?: string }[];
  readonly targets: readonly TargetSpec[];
  readonly rows: readonly MatrixRow[];
  /** What could not be resolved or evaluated. */
  readonly warnings: readonly string[];
}

/** Computes the access matrix of an environment. */
export function accessMatrix(input: AccessMatrixInput): AccessMatrix {
  const env = 'resolver' in input.templates ? input.templates : resolveEnvironment(input.templates.stacks, input.templates);
  const subjects = selectSubjects(env, input.subjects);
  const targets = input.targets ?? discoverTargets(env);
  const actions = { ...DEFAULT_ACTIONS, ...(input.actions ?? {}) };
  const objectKey = input.objectKey ?? 'data/object';
  const s3Endpoint = `s3.${env.region}.${env.resolver.urlSuffix}`;
  const baseContext: RequestContext = {
    'aws:SecureTransport': true,
    's3:TlsVersion': 1.3,
    'aws:RequestedRegion': env.region,
    'kms:CallerAccount': env.account,
    ...(input.context ?? {}),
  };
  const tagsByArn = new Map<string, Readonly<Record<string, string>>>();
  for (const r of [...env.buckets, ...env.keys, ...env.topics, ...env.trails]) tagsByArn.set(r.arn, r.tags);

  const rows: MatrixRow[] = [];
  for (const subject of subjects) {
    const policies: Omit<PolicySet, 'resource'> = {
      identity: subject.role.identityPolicies,
      boundary: subject.role.boundary ? [subject.role.boundary] : undefined,
      scp: input.scp,
    };
    for (const target of targets) {
      for (const spec of actions[target.kind]) {
        const onObject = target.kind === 'bucket' && spec.on === 'object';
        const resource = onObject ? `${target.arn}/${objectKey}` : target.arn;
        const resourceTags = onObject ? {} : Object.fromEntries(Object.entries(tagsByArn.get(target.arn) ?? {}).map(([k, v]) => [`aws:ResourceTag/${k}`, v]));
        const context: RequestContext = {
          ...resourceTags,
          ...baseContext,
          ...(spec.viaS3 ? { 'kms:ViaService': s3Endpoint } : {}),
          ...(spec.context ?? {}),
        };
        const result = evaluate(
          { principal: { arn: subject.role.arn, account: env.account, tags: subject.role.tags }, action: spec.action, resource, resourceAccount: env.account, context },
          { ...policies, resource: resourcePoliciesFor(env, resource) },
        );
        rows.push({
          subject: subject.name,
          roleArn: subject.role.arn,
          target: target.name,
          targetKind: target.kind,
          targetArn: target.arn,
          label: spec.label,
          action: spec.action,
          resource,
          decision: result.decision,
          allowed: result.allowed,
          reason: result.reason,
          deciding: result.deciding.map(decidingStatement),
        });
      }
    }
  }
  return {
    environment: { region: env.region, account: env.account, partition: env.partition },
    subjects: subjects.map((s) => ({ name: s.name, roleArn: s.role.arn, boundary: s.role.boundaryArn })),
    targets,
    rows,
    warnings: [...env.warnings],
  };
}

/** The row of one cell; throws naming what exists when there is no such cell. */
export function matrixCell(matrix: AccessMatrix, subject: string, target: string, label: string): MatrixRow {
  const row = matrix.rows.find((r) => r.subject === subject && r.target === target && r.label === label);
  if (!row) {
    const names = (f: (r: MatrixRow) => string) => [...new Set(matrix.rows.map(f))].join(', ');
    throw new Error(`No access matrix cell '${subject}' x '${target}' x '${label}'; subjects: ${names((r) => r.subject)}; targets: ${names((r) => r.target)}; actions: ${names((r) => r.label)}`);
  }
  return row;
}

function decidingStatement(ref: StatementRef): DecidingStatement {
  return {
    kind: ref.source.kind,
    policy: ref.source.name,
    stack: ref.source.stack,
    logicalId: ref.source.logicalId,
    sid: ref.sid,
    index: ref.index,
    effect: ref.effect,
  };
}

function selectSubjects(env: ResolvedEnvironment, specs: readonly SubjectSpec[] | undefined): { name: string; role: RoleModel }[] {
  if (!specs) {
    return env.roles
      .filter((r) => r.tags[PERSONA_TAG] !== undefined)
      .map((role) => ({ name: role.tags[PERSONA_TAG], role }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
  const problems: string[] = [];
  const selected = specs.map((spec, i) => {
    const role = env.roles.find(
      (r) => r.logicalId === spec.role || r.name === spec.role || r.arn === spec.role || r.path === `${spec.role}/Resource` || !!r.path?.endsWith(`/${spec.role}/Resource`),
    );
    if (!role) problems.push(`subjects[${i}].role: received '${spec.role}'; allowed: a role's logical id, name, ARN or construct path (${env.roles.map((r) => r.logicalId).join(', ') || 'no roles'})`);
    return { name: spec.name, role: role as RoleModel };
  });
  if (problems.length > 0) throw new Error(`Invalid access matrix input:\n  - ${problems.join('\n  - ')}`);
  return selected;
}

/** Zone buckets, the buckets trails write to, classified keys, MSK topics and trails. */
export function discoverTargets(env: ResolvedEnvironment): TargetSpec[] {
  const targets: TargetSpec[] = [];
  const zoneBuckets = env.buckets.filter((b: BucketModel) => b.tags[DATA_ZONE_TAG] !== undefined);
  for (const b of zoneBuckets) {
    const replica = b.tags[REPLICA_OF_TAG] !== undefined ? ' replica' : '';
    targets.push({ kind: 'bucket', name: `zone ${b.tags[DATA_ZONE_TAG]}${replica}`, arn: b.arn });
  }
  for (const t of env.trails as TrailModel[]) {
    const bucket = env.buckets.find((b) => b.name === t.bucketName);
    if (bucket && !zoneBuckets.includes(bucket)) targets.push({ kind: 'bucket', name: env.trails.length > 1 ? `audit bucket ${t.name}` : 'audit bucket', arn: bucket.arn });
  }
  for (const k of env.keys as KeyModel[]) {
    if (k.tags[DATA_CLASSIFICATION_TAG] === undefined) continue;
    const alias = k.aliases[0]?.split('/').pop();
    targets.push({ kind: 'key', name: `key ${alias ?? k.tags[DATA_CLASSIFICATION_TAG]}`, arn: k.arn });
  }
  for (const t of env.topics as TopicModel[]) targets.push({ kind: 'topic', name: `topic ${t.name}`, arn: t.arn });
  for (const t of env.trails as TrailModel[]) targets.push({ kind: 'trail', name: env.trails.length > 1 ? `trail ${t.name}` : 'audit trail', arn: t.arn });
  // Names must be unique to address cells: number duplicates.
  const seen = new Map<string, number>();
  return targets.map((t) => {
    const n = (seen.get(t.name) ?? 0) + 1;
    seen.set(t.name, n);
    return n === 1 ? t : { ...t, name: `${t.name} (${n})` };
  });
}

const MARK: Record<Decision, string> = { allowed: 'allow', 'explicit-deny': 'DENY', 'implicit-deny': '-' };

/**
 * Markdown: one table per target (actions x personas; `allow`, `DENY` = explicit deny,
 * `-` = implicit deny), then the deciding statement of every cell when `details` is set.
 */
export function renderAccessMatrixMarkdown(matrix: AccessMatrix, options: { readonly details?: boolean } = {}): string {
  const subjects = matrix.subjects.map((s) => s.name);
  const lines: string[] = [
    `# Access matrix (${matrix.environment.region}, account ${matrix.environment.account})`,
    '',
    '`allow` = allowed, `DENY` = explicitly denied, `-` = implicitly denied (nothing allows).',
  ];
  for (const target of matrix.targets) {
    const rows = matrix.rows.filter((r) => r.target === target.name);
    const labels = [...new Set(rows.map((r) => r.label))];
    lines.push('', `## ${target.name} (${target.kind})`, '', `\`${target.arn}\``, '');
    lines.push(`| action | ${subjects.join(' | ')} |`, `|---|${subjects.map(() => '---').join('|')}|`);
    for (const label of labels) {
      const action = rows.find((r) => r.label === label)?.action ?? '';
      const cells = subjects.map((s) => MARK[rows.find((r) => r.label === label && r.subject === s)?.decision ?? 'implicit-deny']);
      lines.push(`| ${label} (\`${action}\`) | ${cells.join(' | ')} |`);
    }
  }
  if (options.details) {
    lines.push('', '## Deciding statements', '');
    for (const r of matrix.rows) lines.push(`- ${r.subject} · ${r.target} · ${r.label}: **${r.decision}** — ${r.reason}`);
  }
  if (matrix.warnings.length > 0) lines.push('', '## Warnings', '', ...matrix.warnings.map((w) => `- ${w}`));
  return `${lines.join('\n')}\n`;
}
