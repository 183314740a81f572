import { CfnResource } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as msk from 'aws-cdk-lib/aws-msk';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { resolve } from '../private/stack';
import { asList, field, fieldAt, isTrue, isRecord } from '../private/values';
import { compliantIf, PlatformRule } from '../rule';

/** An AWS-managed key alias (`alias/aws/s3`), by name or inside an ARN. */
const AWS_MANAGED_ALIAS = /(^|:)alias\/aws\//;

/**
 * Whether a resolved key reference designates a customer-managed key: a non-empty
 * value (literal or intrinsic such as `Fn::GetAtt`, `Fn::ImportValue`, `Ref`) that
 * does not name an AWS-managed alias.
 */
function isCustomerManagedKey(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '' && !AWS_MANAGED_ALIAS.test(value);
  return isRecord(value) && Object.keys(value).length > 0 && !JSON.stringify(value).includes('alias/aws/');
}

/** Server-side encryption algorithms of S3 that use a KMS key. */
const S3_KMS_ALGORITHMS: readonly unknown[] = ['aws:kms', 'aws:kms:dsse'];

/** Whether the store is encrypted with a CMK, or `undefined` if the resource is not a data store this rule covers. */
function usesCustomerManagedKey(node: CfnResource): boolean | undefined {
  const r = (value: unknown): unknown => resolve(node, value);
  if (node instanceof s3.CfnBucket) {
    const rules = asList(field(r(node.bucketEncryption), 'serverSideEncryptionConfiguration'));
    return (
      rules.length > 0 &&
      rules.every((rule) => {
        const byDefault = field(rule, 'serverSideEncryptionByDefault');
        return S3_KMS_ALGORITHMS.includes(field(byDefault, 'sseAlgorithm')) && isCustomerManagedKey(field(byDefault, 'kmsMasterKeyId'));
      })
    );
  }
  if (node instanceof logs.CfnLogGroup) return isCustomerManagedKey(r(node.kmsKeyId));
  if (node instanceof sns.CfnTopic) return isCustomerManagedKey(r(node.kmsMasterKeyId));
  // SqsManagedSseEnabled uses an SQS-owned key: it does not count.
  if (node instanceof sqs.CfnQueue) return isCustomerManagedKey(r(node.kmsMasterKeyId));
  if (node instanceof dynamodb.CfnTable) {
    const sse = r(node.sseSpecification);
    return isTrue(field(sse, 'sseEnabled')) && isCustomerManagedKey(field(sse, 'kmsMasterKeyId'));
  }
  if (node instanceof dynamodb.CfnGlobalTable) {
    // The key is chosen per replica; every replica must name one.
    const replicas = asList(r(node.replicas));
    return (
      isTrue(field(r(node.sseSpecification), 'sseEnabled')) &&
      replicas.length > 0 &&
      replicas.every((replica) => isCustomerManagedKey(fieldAt(replica, 'sseSpecification', 'kmsMasterKeyId')))
    );
  }
  if (node instanceof msk.CfnCluster) {
    return isCustomerManagedKey(fieldAt(r(node.encryptionInfo), 'encryptionAtRest', 'dataVolumeKmsKeyId'));
  }
  if (node instanceof kinesis.CfnStream) {
    const encryption = r(node.streamEncryption);
    return field(encryption, 'encryptionType') === 'KMS' && isCustomerManagedKey(field(encryption, 'keyId'));
  }
  if (node instanceof secretsmanager.CfnSecret) return isCustomerManagedKey(r(node.kmsKeyId));
  if (node instanceof glue.CfnSecurityConfiguration) {
    const encryptions = asList(fieldAt(r(node.encryptionConfiguration), 's3Encryptions'));
    return (
      encryptions.length > 0 &&
      encryptions.every((e) => field(e, 's3EncryptionMode') === 'SSE-KMS' && isCustomerManagedKey(field(e, 'kmsKeyArn')))
    );
  }
  if (node instanceof cloudtrail.CfnTrail) return isCustomerManagedKey(r(node.kmsKeyId));
  return undefined;
}

/**
 * Every data store is encrypted at rest with a customer-managed KMS key: S3 buckets
 * (SSE-KMS or DSSE-KMS), CloudWatch Logs groups, SNS topics, SQS queues, DynamoDB
 * tables and global tables, MSK clusters, Kinesis streams, Secrets Manager secrets,
 * Glue security configurations (S3 encryption) and CloudTrail trails. A key given as
 * an intrinsic (`Fn::GetAtt`, `Fn::ImportValue`, `Ref`) counts as customer-managed
 * unless it names an AWS-managed alias (`alias/aws/...`). Other resources: not applicable.
 */
export const CUSTOMER_MANAGED_KEY: PlatformRule = {
  id: 'CustomerManagedKey',
  info: 'The data store is not encrypted at rest with a customer-managed KMS key (missing encryption, SSE-S3/AES256, or an AWS-managed key).',
  explanation:
    'A customer-managed key puts access to the data under a key policy the platform controls and audits: it can be rotated, ' +
    'restricted to the services that use it, and disabled to make the data unreadable. AWS-owned and AWS-managed keys cannot.',
  level: NagMessageLevel.ERROR,
  controls: ['Curriculum 7 (Security & privacy): encrypt data at rest with customer-managed keys'],
  check: (node) => {
    const encrypted = usesCustomerManagedKey(node);
    return encrypted === undefined ? NagRuleCompliance.NOT_APPLICABLE : compliantIf(encrypted);
  },
};
