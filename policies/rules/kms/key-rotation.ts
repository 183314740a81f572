import * as kms from 'aws-cdk-lib/aws-kms';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { resolve } from '../private/stack';
import { isTrue } from '../private/values';
import { compliantIf, PlatformRule } from '../rule';

/**
 * A symmetric KMS key (`KeySpec` absent or `SYMMETRIC_DEFAULT`) whose material KMS
 * generates (`Origin` absent or `AWS_KMS`) has automatic rotation enabled.
 * Asymmetric and HMAC keys, and keys with imported material or in a custom key
 * store, cannot rotate automatically: not applicable, as are other resources.
 */
export const KMS_KEY_ROTATION: PlatformRule = {
  id: 'KmsKeyRotation',
  info: 'The symmetric KMS key does not have automatic key rotation enabled (EnableKeyRotation).',
  explanation:
    'Rotating key material limits how much data one key version protects and how long a leaked version stays useful; ' +
    'KMS rotates symmetric keys it generates without re-encrypting data or changing the key id.',
  level: NagMessageLevel.ERROR,
  controls: ['Curriculum 7 (Security & privacy): customer-managed keys, rotated'],
  check: (node) => {
    if (!(node instanceof kms.CfnKey)) return NagRuleCompliance.NOT_APPLICABLE;
    const spec = resolve(node, node.keySpec);
    const origin = resolve(node, node.origin);
    if (typeof spec === 'string' && spec !== 'SYMMETRIC_DEFAULT') return NagRuleCompliance.NOT_APPLICABLE;
    if (typeof origin === 'string' && origin !== 'AWS_KMS') return NagRuleCompliance.NOT_APPLICABLE;
    return compliantIf(isTrue(resolve(node, node.enableKeyRotation)));
  },
};
