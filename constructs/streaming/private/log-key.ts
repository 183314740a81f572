import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';

/**
 * Lets the regional CloudWatch Logs service use `key` for one log group, named
 * literally (no token) so that a key in another stack can carry the statement
 * without a dependency back on this one. Returns false for an imported key, whose
 * owner must allow it.
 */
export function allowLogGroupEncryption(scope: IConstruct, key: kms.IKey, logGroupName: string): boolean {
  const stack = Stack.of(scope);
  const arn = stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  const sid = `LogsEncrypt${logGroupName.replace(/[^A-Za-z0-9]/g, '')}`;
  const result = key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid,
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.${stack.urlSuffix}`)],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': arn } },
    }),
  );
  return result.statementAdded;
}
