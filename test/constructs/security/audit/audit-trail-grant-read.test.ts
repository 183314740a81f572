import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { PlatformKeys } from '../../../../constructs/encryption';
import { AuditTrail } from '../../../../constructs/security/audit';
import { testStack } from '../../../support/app';
import { actionsOf, rolePolicyStatements } from '../../template-helpers';

test('AuditTrail.grantRead gives the log files, the log copy and the trail status, and nothing that changes evidence', () => {
  const stack = testStack();
  const keys = new PlatformKeys(stack, 'Keys', { aliasPrefix: 'dp/test' });
  const audit = new AuditTrail(stack, 'Audit', { encryptionKey: keys.auditKey, retention: Duration.days(30) });
  const reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
  const grant = audit.grantRead(reader);
  expect(grant.success).toBe(true);
  const statements = rolePolicyStatements(Template.fromStack(stack), reader);
  const actions = statements.flatMap(actionsOf);
  expect(actions).toEqual(expect.arrayContaining(['s3:GetObject*', 'kms:Decrypt', 'logs:FilterLogEvents', 'cloudtrail:GetTrailStatus', 'cloudtrail:LookupEvents']));
  expect(actions.filter((a) => /Delete|Put|Stop|Update|Create/.test(a))).toEqual([]);
  const resources = JSON.stringify(statements.map((s) => s.Resource));
  expect(resources).toContain('AuditBucket');
  expect(resources).toContain('AuditLogGroup');
  expect(resources).toContain('AuditTrail');
  // LookupEvents is the only action on '*' (it supports no resource-level permission).
  expect(statements.filter((s) => s.Resource === '*').flatMap(actionsOf)).toEqual(['cloudtrail:LookupEvents']);
});
