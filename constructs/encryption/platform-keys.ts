import { Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { PlatformTagKeys } from '../governance/tags';
import { KeyService } from './key-service';
import { KEY_PURPOSES, KeyPurpose, PlatformKeysProps } from './platform-keys-props';

/** Key administration, listed action by action: no principal ever gets `kms:*`. */
export const KEY_ADMIN_ACTIONS: readonly string[] = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];

/** Cryptographic use of a key. */
export const KEY_USE_ACTIONS: readonly string[] = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
];

const DEFAULT_DATA_SERVICES = [KeyService.S3, KeyService.GLUE, KeyService.ATHENA, KeyService.KAFKA, KeyService.EC2];
const DEFAULT_USAGE: Record<KeyPurpose, readonly KeyService[]> = {
  internal: DEFAULT_DATA_SERVICES,
  confidential: DEFAULT_DATA_SERVICES,
  restricted: DEFAULT_DATA_SERVICES,
  audit: [KeyService.S3],
};

/**
 * The platform's customer-managed keys: one per data classification plus one for the
 * audit trail and logs.
 *
 * Created keys rotate yearly and carry a key policy with no wildcard grant: the
 * account administers them through an explicit action list, and principals the
 * account grants (through `grant*` on the key) can use them only through the listed
 * services (`kms:ViaService`) in this account. A key given by ARN (bring your own
 * key) is used as is.
 */
export class PlatformKeys extends Construct {
  /** Keys this construct created (imported keys are not listed). */
  public readonly createdKeys: readonly kms.Key[];
  private readonly keys: Record<KeyPurpose, kms.IKey>;

  constructor(scope: Construct, id: string, props: PlatformKeysProps) {
    super(scope, id);
    const problems: string[] = [];
    if (!/^[a-zA-Z0-9/_-]+$/.test(props.aliasPrefix) || props.aliasPrefix.startsWith('aws/')) {
      problems.push(`aliasPrefix: received '${props.aliasPrefix}'; allowed: letters, digits, '/', '_' and '-', not starting with 'aws/'`);
    }
    const pending = props.pendingWindow ?? Duration.days(30);
    const pendingDays = pending.toDays({ integral: false });
    if (!Number.isInteger(pendingDays) || pendingDays < 7 || pendingDays > 30) {
      problems.push(`pendingWindow: received ${pendingDays} days; allowed: a whole number of days from 7 to 30`);
    }
    for (const [purpose, services] of Object.entries(props.usage ?? {})) {
      if (services && services.length === 0) problems.push(`usage.${purpose}: received no services; allowed: at least one service`);
    }
    if (problems.length > 0) throw new Error(`Invalid PlatformKeys '${this.node.path}':\n  - ${problems.join('\n  - ')}`);

    const created: kms.Key[] = [];
    const keys = {} as Record<KeyPurpose, kms.IKey>;
    for (const purpose of KEY_PURPOSES) {
      const arn = props.importedKeyArns?.[purpose];
      if (arn) {
        keys[purpose] = kms.Key.fromKeyArn(this, `${titleCase(purpose)}Imported`, arn);
        continue;
      }
      const key = new kms.Key(this, titleCase(purpose), {
        description: `Data platform ${purpose} key (${props.aliasPrefix})`,
        alias: `alias/${props.aliasPrefix}/${purpose}`,
        enableKeyRotation: true,
        pendingWindow: pending,
        removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
        policy: platformKeyPolicy(this, props.usage?.[purpose] ?? DEFAULT_USAGE[purpose]),
      });
      // The audit key protects evidence about every classification: tag it confidential.
      Tags.of(key).add(PlatformTagKeys.DATA_CLASSIFICATION, purpose === 'audit' ? 'confidential' : purpose);
      created.push(key);
      keys[purpose] = key;
    }
    this.keys = keys;
    this.createdKeys = created;
  }

  /** The key for a classification or for audit. */
  public keyFor(purpose: KeyPurpose): kms.IKey {
    return this.keys[purpose];
  }

  /** The key of the audit trail and logs. */
  public get auditKey(): kms.IKey {
    return this.keys.audit;
  }
}

function titleCase(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Key policy: explicit administration for the account, use only through the listed services. */
export function platformKeyPolicy(scope: Construct, services: readonly KeyService[]): iam.PolicyDocument {
  const account = Stack.of(scope).account;
  const root = new iam.AccountRootPrincipal();
  const viaServices = services.map((s) => s.viaServiceIn(scope));
  return new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        sid: 'KeyAdministrationByAccount',
        principals: [root],
        actions: [...KEY_ADMIN_ACTIONS],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'UseThroughAllowedServices',
        principals: [root],
        actions: [...KEY_USE_ACTIONS],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': viaServices } },
      }),
      new iam.PolicyStatement({
        sid: 'GrantsForAwsResourcesThroughAllowedServices',
        principals: [root],
        actions: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': viaServices },
          Bool: { 'kms:GrantIsForAWSResource': 'true' },
        },
      }),
      // Grants only for AWS resources or by AWS services: a grant is a second, policy-invisible
      // path to the key (Control Tower CT.KMS.PR.3).
      new iam.PolicyStatement({
        sid: 'DenyGrantsNotForAwsResources',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      }),
    ],
  });
}
