import { Validations } from 'aws-cdk-lib';
import { applyAcknowledgements } from '../../policies';
import { platformStage, testApp } from '../support/app';
import { devEu } from '../../lib/config/environments/dev-eu';
import { parseEnvironment } from '../../lib/config/load';
import { PlatformStage } from '../../lib/platform-stage';

/** The registry's checks: every problem of every entry reported at once, Control Tower entries path-checked only. */
describe('applyAcknowledgements', () => {
  const stage = platformStage('dev-eu');
  const reason = 'a reason long enough for a reviewer to check';

  test('fails listing every malformed or stale entry', () => {
    expect(() =>
      applyAcknowledgements(
        [stage],
        [
          { rule: 'AwsSolutions::AwsSolutions-*', path: 'Lake/DataLake/Raw', reason },
          { rule: 'AwsSolutions::AwsSolutions-S1', path: 'Lake/*', reason },
          { rule: 'AwsSolutions::AwsSolutions-S1', path: 'Lake/DataLake/Raw', reason: 'short' },
          { rule: 'ControlTower::CT.S3.PR.9', path: 'Lake/NoSuchBucket', reason },
        ],
      ),
    ).toThrow(
      [
        'Invalid acknowledgements in policies/acknowledgements.ts:',
        "  - rule 'AwsSolutions::AwsSolutions-*': allowed: '<Pack>::<RuleId>' or '<Pack>::<RuleId>[<finding>]', no wildcards",
        "  - path 'Lake/*' (AwsSolutions::AwsSolutions-S1): allowed: an exact construct path below the stage, no wildcards",
        "  - reason for AwsSolutions::AwsSolutions-S1 at Lake/DataLake/Raw: received 'short'; allowed: a reason a reviewer can check (20+ characters)",
        "  - ControlTower::CT.S3.PR.9 at 'Lake/NoSuchBucket': no such construct in dev-eu; remove or fix the entry",
      ].join('\n'),
    );
  });

  test('accepts a finding-specific id whose finding text contains *', () => {
    expect(() =>
      applyAcknowledgements([stage], [{ rule: 'AwsSolutions::AwsSolutions-IAM5[Action::kms:ReEncrypt*]', path: 'Lake/DataLake/Raw/ReplicationPolicy', reason }]),
    ).not.toThrow();
  });

  test('records cdk-nag acknowledgements on the construct, and leaves Control Tower ones to the report', () => {
    const target = stage.node.findChild('Audit').node.findChild('AuditTrail').node.findChild('Trail');
    const before = target.node.metadata.length;
    applyAcknowledgements([stage], [{ rule: 'ControlTower::CT.CLOUDTRAIL.PR.1', path: 'Audit/AuditTrail/Trail', reason }]);
    expect(target.node.metadata.length).toBe(before);
    applyAcknowledgements([stage], [{ rule: 'HIPAA.Security::HIPAA.Security-CloudTrailCloudWatchLogsEnabled', path: 'Audit/AuditTrail/Trail', reason }]);
    expect(target.node.metadata.length).toBe(before + 1);
    expect(Validations.ACKNOWLEDGED_RULES_METADATA_KEY).toBe(target.node.metadata[before].type);
  });
});

describe('applyAcknowledgements with a non-production selection', () => {
  let stage: PlatformStage;
  beforeAll(() => {
    stage = new PlatformStage(testApp(), { config: parseEnvironment(devEu) });
  });
  const reason = 'A reason long enough for a reviewer to check.';

  test('accepts an entry for a production-only construct (masking jobs exist only in production)', () => {
    expect(() => applyAcknowledgements([stage], [{ rule: 'AwsSolutions::AwsSolutions-SMG4', path: 'Privacy/MaskingHmacKey', reason, productionOnly: true }])).not.toThrow();
  });

  test('fails if an entry names a construct no selected stage has and is not production-only', () => {
    expect(() => applyAcknowledgements([stage], [{ rule: 'AwsSolutions::AwsSolutions-SMG4', path: 'Privacy/MaskingHmacKey', reason }])).toThrow(
      "AwsSolutions::AwsSolutions-SMG4 at 'Privacy/MaskingHmacKey': no such construct in dev-eu; remove or fix the entry",
    );
  });
});
