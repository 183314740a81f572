import { Duration, Stack } from 'aws-cdk-lib';
import { PlatformKeys } from '../../../../constructs/encryption';
import { AuditTrail } from '../../../../constructs/security/audit';
import { DataLake } from '../../../../constructs/storage';
import { testStack } from '../../../support/app';

/** A stack with the platform's keys, a three-zone lake (raw restricted, curated confidential, analytics internal) and an audit trail. */
export interface AccessFixture {
  readonly stack: Stack;
  readonly keys: PlatformKeys;
  readonly lake: DataLake;
  readonly audit: AuditTrail;
}

export function accessFixture(region = 'eu-west-1'): AccessFixture {
  const stack = testStack('Test', region);
  const keys = new PlatformKeys(stack, 'Keys', { aliasPrefix: 'dp/test' });
  const lake = new DataLake(stack, 'Lake', {
    zones: [
      { name: 'raw', classification: 'restricted', encryptionKey: keys.keyFor('restricted'), lifecycle: {} },
      { name: 'curated', classification: 'confidential', encryptionKey: keys.keyFor('confidential'), lifecycle: {} },
      { name: 'analytics', classification: 'internal', encryptionKey: keys.keyFor('internal'), lifecycle: {} },
    ],
  });
  const audit = new AuditTrail(stack, 'Audit', { encryptionKey: keys.auditKey, retention: Duration.days(30) });
  return { stack, keys, lake, audit };
}
