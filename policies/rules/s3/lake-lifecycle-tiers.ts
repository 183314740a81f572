import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { PlatformTagKeys } from '../../../constructs/governance/tags';
import { resolve, tagsOf } from '../private/stack';
import { asList, field } from '../private/values';
import { compliantIf, PlatformRule } from '../rule';

/**
 * A lake zone bucket (an S3 bucket tagged `data-zone`) has a lifecycle with an
 * enabled rule that moves objects to colder storage classes (`Transitions` or
 * `Transition`) and an enabled rule that aborts incomplete multipart uploads.
 * Buckets without the tag, and other resources: not applicable.
 */
export const S3_LAKE_LIFECYCLE_TIERS: PlatformRule = {
  id: 'S3LakeLifecycleTiers',
  info:
    `The lake bucket (tagged '${PlatformTagKeys.DATA_ZONE}') lacks an enabled lifecycle rule with storage-class transitions ` +
    'or an enabled rule aborting incomplete multipart uploads.',
  explanation:
    'Lake data cools quickly: tiering it to cheaper storage classes as it ages, and cleaning up abandoned multipart ' +
    'uploads (billed but invisible), keeps storage cost proportional to the value of the data.',
  level: NagMessageLevel.ERROR,
  controls: ['Curriculum 6 (Performance & cost): lifecycle policies archive cold data to low-cost storage'],
  check: (node) => {
    if (!(node instanceof s3.CfnBucket) || !tagsOf(node)?.[PlatformTagKeys.DATA_ZONE]) return NagRuleCompliance.NOT_APPLICABLE;
    const enabled = asList(field(resolve(node, node.lifecycleConfiguration), 'rules')).filter((rule) => field(rule, 'status') === 'Enabled');
    const tiers = enabled.some((rule) => asList(field(rule, 'transitions')).length > 0 || field(rule, 'transition') !== undefined);
    const abort = enabled.some((rule) => field(rule, 'abortIncompleteMultipartUpload') !== undefined);
    return compliantIf(tiers && abort);
  },
};
