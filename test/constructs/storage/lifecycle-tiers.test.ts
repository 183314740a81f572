import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  formatLifecyclePath,
  LifecycleTiers,
  lifecycleRulesFor,
  StorageTier,
  validateLifecycleTiers,
} from '../../../constructs/storage/lifecycle-tiers';
import { testStack } from '../../support/app';

const WATERFALL = 'INFREQUENT_ACCESS → INTELLIGENT_TIERING → GLACIER_INSTANT_RETRIEVAL → GLACIER → DEEP_ARCHIVE';

/** Every tier, valid spacing, expiry after the last tier's minimum storage. */
const FULL: LifecycleTiers = {
  // Given out of order on purpose: tiers are sorted by the waterfall.
  transitions: [
    { tier: StorageTier.DEEP_ARCHIVE, after: Duration.days(331) },
    { tier: StorageTier.INFREQUENT_ACCESS, after: Duration.days(30) },
    { tier: StorageTier.GLACIER, after: Duration.days(241) },
    { tier: StorageTier.INTELLIGENT_TIERING, after: Duration.days(60) },
    { tier: StorageTier.GLACIER_INSTANT_RETRIEVAL, after: Duration.days(61) },
  ],
  expiration: Duration.days(511),
  noncurrentVersionExpiration: Duration.days(30),
  abortIncompleteMultipartUploadAfter: Duration.days(3),
};

describe('StorageTier', () => {
  test('lists every tier in waterfall order', () => {
    expect(StorageTier.names().join(' → ')).toBe(WATERFALL);
    expect(StorageTier.all().map((t) => t.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  test('of() finds a tier by name', () => {
    expect(StorageTier.of('DEEP_ARCHIVE')).toBe(StorageTier.DEEP_ARCHIVE);
    expect(StorageTier.of('INFREQUENT_ACCESS').storageClass).toBe(s3.StorageClass.INFREQUENT_ACCESS);
  });

  test('fails if the tier name is unknown, listing the allowed names', () => {
    expect(() => StorageTier.of('COLD')).toThrow(
      "Unknown storage tier 'COLD'; allowed: INFREQUENT_ACCESS, INTELLIGENT_TIERING, GLACIER_INSTANT_RETRIEVAL, GLACIER, DEEP_ARCHIVE",
    );
  });

  test('carries S3 minimum ages and minimum storage durations', () => {
    expect(StorageTier.INFREQUENT_ACCESS).toMatchObject({ minimumAgeDays: 30, minimumStorageDays: 30 });
    expect(StorageTier.INTELLIGENT_TIERING).toMatchObject({ minimumAgeDays: 0, minimumStorageDays: 0 });
    expect(StorageTier.GLACIER_INSTANT_RETRIEVAL).toMatchObject({ minimumAgeDays: 0, minimumStorageDays: 90 });
    expect(StorageTier.GLACIER).toMatchObject({ minimumAgeDays: 0, minimumStorageDays: 90 });
    expect(StorageTier.DEEP_ARCHIVE).toMatchObject({ minimumAgeDays: 0, minimumStorageDays: 180 });
  });
});

describe('validateLifecycleTiers', () => {
  test('accepts an empty lifecycle', () => {
    expect(validateLifecycleTiers({})).toEqual([]);
  });

  test('accepts a valid multi-tier lifecycle given in any order', () => {
    expect(validateLifecycleTiers(FULL)).toEqual([]);
  });

  test('accepts a transition exactly at the previous tier minimum storage', () => {
    expect(
      validateLifecycleTiers({
        transitions: [
          { tier: StorageTier.GLACIER, after: Duration.days(100) },
          { tier: StorageTier.DEEP_ARCHIVE, after: Duration.days(190) },
        ],
        expiration: Duration.days(370),
      }),
    ).toEqual([]);
  });

  test('fails if a transition is not a whole number of days', () => {
    expect(validateLifecycleTiers({ transitions: [{ tier: StorageTier.GLACIER, after: Duration.hours(36) }] })).toEqual([
      { path: ['transitions', 0, 'after'], received: 1.5, allowed: 'a whole number of days, 0 or more' },
    ]);
  });

  test('fails if expiration, noncurrent expiration or abort are not whole days', () => {
    expect(
      validateLifecycleTiers({
        expiration: Duration.hours(12),
        noncurrentVersionExpiration: Duration.hours(60),
        abortIncompleteMultipartUploadAfter: Duration.minutes(90),
      }),
    ).toEqual([
      { path: ['expiration'], received: 0.5, allowed: 'a whole number of days, 0 or more' },
      { path: ['noncurrentVersionExpiration'], received: 2.5, allowed: 'a whole number of days, 0 or more' },
      { path: ['abortIncompleteMultipartUploadAfter'], received: 0.0625, allowed: 'a whole number of days, 0 or more' },
    ]);
  });

  test('fails if INFREQUENT_ACCESS comes before 30 days', () => {
    expect(validateLifecycleTiers({ transitions: [{ tier: StorageTier.INFREQUENT_ACCESS, after: Duration.days(10) }] })).toEqual([
      {
        path: ['transitions', 0, 'after'],
        received: 10,
        allowed: "30 days or more (S3's minimum object age for INFREQUENT_ACCESS)",
      },
    ]);
  });

  test('accepts tiers without a minimum age from day 0', () => {
    expect(validateLifecycleTiers({ transitions: [{ tier: StorageTier.INTELLIGENT_TIERING, after: Duration.days(0) }] })).toEqual([]);
  });

  test('fails if a tier is used twice, pointing at its first use', () => {
    expect(
      validateLifecycleTiers({
        transitions: [
          { tier: StorageTier.GLACIER, after: Duration.days(100) },
          { tier: StorageTier.GLACIER, after: Duration.days(200) },
        ],
      }),
    ).toEqual([{ path: ['transitions', 1, 'tier'], received: 'GLACIER', allowed: 'each tier once (GLACIER is already at transitions[0])' }]);
  });

  test('fails if tiers are out of waterfall order (a colder tier earlier than a warmer one)', () => {
    expect(
      validateLifecycleTiers({
        transitions: [
          { tier: StorageTier.DEEP_ARCHIVE, after: Duration.days(100) },
          { tier: StorageTier.GLACIER, after: Duration.days(200) },
        ],
      }),
    ).toEqual([
      {
        path: ['transitions', 0, 'after'],
        received: 100,
        allowed: `290 days or more for DEEP_ARCHIVE, which follows GLACIER at 200 days (tiers go ${WATERFALL}, and GLACIER bills at least 90 days)`,
      },
    ]);
  });

  test("fails if a tier comes before the previous tier's minimum storage duration ends", () => {
    expect(
      validateLifecycleTiers({
        transitions: [
          { tier: StorageTier.INFREQUENT_ACCESS, after: Duration.days(30) },
          { tier: StorageTier.GLACIER, after: Duration.days(45) },
        ],
      }),
    ).toEqual([
      {
        path: ['transitions', 1, 'after'],
        received: 45,
        allowed: `60 days or more for GLACIER, which follows INFREQUENT_ACCESS at 30 days (tiers go ${WATERFALL}, and INFREQUENT_ACCESS bills at least 30 days)`,
      },
    ]);
  });

  test('fails if two tiers share the same age even when the first has no minimum storage', () => {
    expect(
      validateLifecycleTiers({
        transitions: [
          { tier: StorageTier.INTELLIGENT_TIERING, after: Duration.days(30) },
          { tier: StorageTier.GLACIER_INSTANT_RETRIEVAL, after: Duration.days(30) },
        ],
      }),
    ).toEqual([
      {
        path: ['transitions', 1, 'after'],
        received: 30,
        allowed: `31 days or more for GLACIER_INSTANT_RETRIEVAL, which follows INTELLIGENT_TIERING at 30 days (tiers go ${WATERFALL})`,
      },
    ]);
  });

  test("fails if expiration comes before the last tier's transition plus its minimum storage", () => {
    expect(
      validateLifecycleTiers({
        transitions: [{ tier: StorageTier.GLACIER, after: Duration.days(100) }],
        expiration: Duration.days(150),
      }),
    ).toEqual([
      {
        path: ['expiration'],
        received: 150,
        allowed: '190 days or more: objects reach GLACIER at 100 days and it bills at least 90 days',
      },
    ]);
  });

  test('fails if expiration is not after the last transition into a tier without minimum storage', () => {
    expect(
      validateLifecycleTiers({
        transitions: [{ tier: StorageTier.INTELLIGENT_TIERING, after: Duration.days(30) }],
        expiration: Duration.days(30),
      }),
    ).toEqual([{ path: ['expiration'], received: 30, allowed: '31 days or more: objects reach INTELLIGENT_TIERING at 30 days' }]);
  });

  test('fails if expiration is less than 1 day', () => {
    expect(validateLifecycleTiers({ expiration: Duration.days(0) })).toEqual([
      { path: ['expiration'], received: 0, allowed: '1 day or more' },
    ]);
  });

  test('fails if noncurrent version expiration is less than 1 day', () => {
    expect(validateLifecycleTiers({ noncurrentVersionExpiration: Duration.days(0) })).toEqual([
      { path: ['noncurrentVersionExpiration'], received: 0, allowed: '1 day or more' },
    ]);
  });

  test('fails if the multipart upload abort is less than 1 day', () => {
    expect(validateLifecycleTiers({ abortIncompleteMultipartUploadAfter: Duration.days(0) })).toEqual([
      { path: ['abortIncompleteMultipartUploadAfter'], received: 0, allowed: '1 day or more' },
    ]);
  });

  test('returns every problem at once', () => {
    const problems = validateLifecycleTiers({
      transitions: [
        { tier: StorageTier.INFREQUENT_ACCESS, after: Duration.days(10) },
        { tier: StorageTier.INFREQUENT_ACCESS, after: Duration.days(20) },
        { tier: StorageTier.GLACIER, after: Duration.hours(36) },
      ],
      expiration: Duration.days(0),
      noncurrentVersionExpiration: Duration.days(0),
      abortIncompleteMultipartUploadAfter: Duration.days(0),
    });
    expect(problems.map((p) => formatLifecyclePath(p.path))).toEqual([
      'transitions[0].after', // IA before day 30
      'transitions[1].after', // IA before day 30 (the duplicate's own age is still checked)
      'transitions[1].tier', // IA twice
      'transitions[2].after', // 1.5 days
      'transitions[2].after', // GLACIER too soon after IA
      'expiration', // < 1 day
      'expiration', // before the last tier's minimum storage
      'noncurrentVersionExpiration',
      'abortIncompleteMultipartUploadAfter',
    ]);
  });
});

describe('formatLifecyclePath', () => {
  test.each([
    [['transitions', 1, 'after'], 'transitions[1].after'],
    [['transitions', 0, 'tier'], 'transitions[0].tier'],
    [['expiration'], 'expiration'],
    [['lake', 'zones', 'raw', 'lifecycle', 'transitions', 2], 'lake.zones.raw.lifecycle.transitions[2]'],
    [[], ''],
  ])('renders %j as %s', (path, expected) => {
    expect(formatLifecyclePath(path)).toBe(expected);
  });
});

describe('lifecycleRulesFor', () => {
  test('only aborts incomplete multipart uploads (after 7 days) when nothing else is asked', () => {
    const rules = lifecycleRulesFor({});
    expect(rules).toHaveLength(1);
    expect(rules[0].id).toBe('abort-incomplete-multipart-uploads');
    expect(rules[0].abortIncompleteMultipartUploadAfter?.toDays()).toBe(7);
  });

  test('renders sorted transitions, expiration, noncurrent expiration and the abort rule', () => {
    const rules = lifecycleRulesFor(FULL);
    expect(rules.map((r) => r.id)).toEqual(['abort-incomplete-multipart-uploads', 'storage-tiers', 'noncurrent-versions']);
    const [abort, tiers, noncurrent] = rules;
    expect(abort.abortIncompleteMultipartUploadAfter?.toDays()).toBe(3);
    expect(tiers.transitions?.map((t) => [t.storageClass.value, t.transitionAfter?.toDays()])).toEqual([
      ['STANDARD_IA', 30],
      ['INTELLIGENT_TIERING', 60],
      ['GLACIER_IR', 61],
      ['GLACIER', 241],
      ['DEEP_ARCHIVE', 331],
    ]);
    expect(tiers.expiration?.toDays()).toBe(511);
    expect(noncurrent.noncurrentVersionExpiration?.toDays()).toBe(30);
  });

  test('renders an expiration-only rule', () => {
    const rules = lifecycleRulesFor({ expiration: Duration.days(90) });
    expect(rules[1]).toMatchObject({ id: 'storage-tiers', transitions: [] });
    expect(rules[1].expiration?.toDays()).toBe(90);
  });

  test('renders into a bucket as S3 lifecycle configuration', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket', { lifecycleRules: lifecycleRulesFor(FULL) });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [
          { Id: 'abort-incomplete-multipart-uploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 3 } },
          {
            Id: 'storage-tiers',
            Status: 'Enabled',
            ExpirationInDays: 511,
            Transitions: [
              { StorageClass: 'STANDARD_IA', TransitionInDays: 30 },
              { StorageClass: 'INTELLIGENT_TIERING', TransitionInDays: 60 },
              { StorageClass: 'GLACIER_IR', TransitionInDays: 61 },
              { StorageClass: 'GLACIER', TransitionInDays: 241 },
              { StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 331 },
            ],
          },
          { Id: 'noncurrent-versions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } },
        ],
      },
    });
  });

  test('throws listing every problem with its path, received value and what is allowed', () => {
    let message = '';
    try {
      lifecycleRulesFor({
        transitions: [{ tier: StorageTier.INFREQUENT_ACCESS, after: Duration.days(10) }],
        noncurrentVersionExpiration: Duration.days(0),
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      [
        'Invalid lifecycle tiers:',
        "  - transitions[0].after: received 10; allowed: 30 days or more (S3's minimum object age for INFREQUENT_ACCESS)",
        '  - noncurrentVersionExpiration: received 0; allowed: 1 day or more',
      ].join('\n'),
    );
  });
});
