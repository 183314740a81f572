import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { REQUIRED_TAG_KEYS } from '../../../constructs/governance/tags';
import { tagsOf } from '../private/stack';
import { compliantIf, PlatformRule } from '../rule';

/**
 * Every resource that can carry tags has each of `REQUIRED_TAG_KEYS` with a
 * non-empty value. Tags added with `Tags.of(...)` count once the app is synthesized
 * (they are applied by an aspect). Resources that cannot be tagged: not applicable.
 */
export const REQUIRED_TAGS: PlatformRule = {
  id: 'RequiredTags',
  info: `The resource lacks a non-empty value for one of the required tags: ${REQUIRED_TAG_KEYS.join(', ')}.`,
  explanation:
    'Every resource needs an accountable owner, a data classification that decides its controls, and the environment ' +
    'it belongs to, so that incidents, access reviews and costs reach the right team.',
  level: NagMessageLevel.ERROR,
  controls: ['Curriculum 4 (Quality & governance): data ownership and classification tags on every resource'],
  check: (node) => {
    const tags = tagsOf(node);
    if (tags === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    return compliantIf(REQUIRED_TAG_KEYS.every((key) => (tags[key] ?? '').trim() !== ''));
  },
};
