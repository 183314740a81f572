import { CfnResource } from 'aws-cdk-lib';
import { NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { CUSTOMER_MANAGED_KEY } from '../rules/common/customer-managed-key';
import { REQUIRED_TAGS } from '../rules/common/required-tags';
import { KMS_KEY_ROTATION } from '../rules/kms/key-rotation';
import { MSK_KAFKA_DURABILITY } from '../rules/msk/kafka-durability';
import { PlatformRule } from '../rules/rule';
import { S3_AUDIT_OBJECT_LOCK } from '../rules/s3/audit-object-lock';
import { S3_LAKE_LIFECYCLE_TIERS } from '../rules/s3/lake-lifecycle-tiers';
import { S3_TLS_REQUIRED } from '../rules/s3/tls-required';

/** The rules of the DataPlatform pack, each reported as `DataPlatform-<id>`. */
export const DATA_PLATFORM_RULES: readonly PlatformRule[] = [
  CUSTOMER_MANAGED_KEY,
  S3_TLS_REQUIRED,
  KMS_KEY_ROTATION,
  S3_AUDIT_OBJECT_LOCK,
  S3_LAKE_LIFECYCLE_TIERS,
  REQUIRED_TAGS,
  MSK_KAFKA_DURABILITY,
];

/**
 * The project's cdk-nag v3 pack: the curriculum's controls (customer-managed keys,
 * TLS, key rotation, immutable audit logs, lifecycle tiers, ownership and
 * classification tags), applied to every resource. Attach it with
 * `Validations.of(app).addPlugins(new DataPlatformChecks(app))`; a finding is
 * acknowledged as `DataPlatform::DataPlatform-<id>` in `policies/acknowledgements.ts`.
 * In verbose mode a finding also prints the rule's explanation and controls.
 */
export class DataPlatformChecks extends NagPack {
  public readonly name = 'DataPlatform';
  public readonly ruleIds = DATA_PLATFORM_RULES.map((rule) => `DataPlatform-${rule.id}`);

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = 'DataPlatform';
  }

  protected checkResource(node: CfnResource): void {
    for (const rule of DATA_PLATFORM_RULES) {
      this.applyRule({
        ruleSuffixOverride: rule.id,
        info: rule.info,
        explanation: `${rule.explanation} Controls: ${rule.controls.join('; ')}.`,
        level: rule.level,
        rule: rule.check,
        node,
      });
    }
  }
}
