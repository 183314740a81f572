import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';

/**
 * Key-policy statements that let an AWS service principal use a customer-managed
 * key for resources of this account (CloudWatch Logs encrypting log groups,
 * CloudWatch alarms publishing to encrypted topics, ...). Each statement is added
 * once per key, whichever construct asks first, so constructs that share a key
 * stay independent of each other.
 *
 * Returns false when the key is imported: its policy is not ours to change, and the
 * caller should warn that the key's owner must allow the service.
 */
const added = new WeakMap<kms.IKey, Set<string>>();

function addOnce(key: kms.IKey, sid: string, statement: () => iam.PolicyStatement): boolean {
  const sids = added.get(key) ?? new Set<string>();
  if (sids.has(sid)) return true;
  const result = key.addToResourcePolicy(statement());
  if (result.statementAdded) {
    sids.add(sid);
    added.set(key, sids);
  }
  return result.statementAdded;
}

/** Lets the regional CloudWatch Logs service encrypt this account's log groups with the key. */
export function allowCloudWatchLogs(key: kms.IKey): boolean {
  const stack = Stack.of(key);
  return addOnce(key, 'CloudWatchLogsEncryptsLogGroups', () => {
    const logGroupArnPattern = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: '*',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    return new iam.PolicyStatement({
      sid: 'CloudWatchLogsEncryptsLogGroups',
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.${stack.urlSuffix}`)],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': logGroupArnPattern } },
    });
  });
}

/**
 * Lets an AWS service that publishes to encrypted SNS topics or SQS queues on this
 * account's behalf (CloudWatch alarms, EventBridge rules) generate and decrypt
 * data keys, only for requests from this account.
 */
export function allowServiceToPublishEncrypted(key: kms.IKey, service: string): boolean {
  const stack = Stack.of(key);
  const sid = `${service.split('.')[0].replace(/[^A-Za-z0-9]/g, '')}PublishesEncryptedMessages`;
  return addOnce(key, sid, () =>
    new iam.PolicyStatement({
      sid,
      principals: [new iam.ServicePrincipal(service)],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }),
  );
}
