import { devEu } from '../../lib/config/environments/dev-eu';
import { parseEnvironment } from '../../lib/config/load';
import { PlatformStage } from '../../lib/platform-stage';
import { applyAcknowledgements } from '../../policies';
import { testApp } from '../support/app';

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
