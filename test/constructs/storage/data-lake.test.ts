import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DataClassification } from '../../../constructs/governance/classification';
import { DataLake } from '../../../constructs/storage/data-lake';
import { DataLakeZoneProps } from '../../../constructs/storage/data-lake-props';
import { StorageTier } from '../../../constructs/storage/lifecycle-tiers';
import { SecureBucket } from '../../../constructs/storage/secure-bucket';
import { testStack } from '../../support/app';
import { actionsOf, logicalIdOf, resourceOf, rolePolicyStatements, TemplateStatement } from '../template-helpers';

const ZONES: readonly { name: string; classification: DataClassification }[] = [
  { name: 'raw', classification: 'restricted' },
  { name: 'curated', classification: 'confidential' },
  { name: 'analytics-v2', classification: 'internal' },
];

describe('DataLake', () => {
  let stack: Stack;
  let keys: Record<string, kms.Key>;
  let lake: DataLake;
  let reader: iam.Role;
  let writer: iam.Role;
  let prefixReader: iam.Role;
  let template: Template;

  beforeAll(() => {
    stack = testStack();
    keys = Object.fromEntries(ZONES.map((z) => [z.name, new kms.Key(stack, `Key-${z.name}`)]));
    const lifecycles: Record<string, DataLakeZoneProps['lifecycle']> = {
      raw: { expiration: Duration.days(30) },
      curated: { transitions: [{ tier: StorageTier.INTELLIGENT_TIERING, after: Duration.days(0) }] },
      'analytics-v2': {},
    };
    lake = new DataLake(stack, 'Lake', {
      zones: ZONES.map((z) => ({ ...z, encryptionKey: keys[z.name], lifecycle: lifecycles[z.name] })),
    });
    const role = (id: string) => new iam.Role(stack, id, { assumedBy: new iam.AccountRootPrincipal() });
    reader = role('Reader');
    writer = role('Writer');
    prefixReader = role('PrefixReader');
    lake.grantRead(reader, 'raw');
    lake.grantReadWrite(writer, 'curated');
    lake.grantRead(prefixReader, 'analytics-v2', 'reports/*');
    template = Template.fromStack(stack);
  });

  test('creates one bucket per zone plus one shared access-log bucket', () => {
    template.resourceCountIs('AWS::S3::Bucket', ZONES.length + 1);
    expect(lake.zoneNames).toEqual(['raw', 'curated', 'analytics-v2']);
    expect(lake.zoneBuckets).toHaveLength(3);
    expect(lake.zone('raw')).toBeInstanceOf(SecureBucket);
    expect(lake.zone('raw')).toBe(lake.zoneBuckets[0]);
  });

  test.each(ZONES.map((z) => z.name))("encrypts zone '%s' with its own key (SSE-KMS, Bucket Key)", (zone) => {
    expect(resourceOf(template, lake.zone(zone)).Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: stack.resolve(keys[zone].keyArn) } },
      ],
    });
  });

  test.each(ZONES.map((z) => [z.name, z.classification]))("tags zone '%s' with data-zone and data-classification %s", (zone, classification) => {
    expect(resourceOf(template, lake.zone(zone)).Properties.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'data-zone', Value: zone },
        { Key: 'data-classification', Value: classification },
      ]),
    );
  });

  test('does not tag the access-log bucket as a zone', () => {
    const tags = (resourceOf(template, lake.accessLogsBucket).Properties.Tags ?? []) as { Key: string }[];
    expect(tags.map((t) => t.Key)).not.toContain('data-zone');
  });

  test.each(ZONES.map((z) => z.name))("zone '%s' logs to the shared access-log bucket under '<zone>/'", (zone) => {
    expect(resourceOf(template, lake.zone(zone)).Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logicalIdOf(lake.accessLogsBucket) },
      LogFilePrefix: `${zone}/`,
    });
  });

  test('the access-log bucket lets S3 logging write each zone under its own prefix only', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalIdOf(lake.accessLogsBucket) },
      PolicyDocument: {
        Statement: Match.arrayWith(
          ZONES.map((z) =>
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'logging.s3.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: { 'Fn::Join': ['', [stack.resolve(lake.accessLogsBucket.bucketArn), `/${z.name}/*`]] },
              Condition: Match.objectLike({ ArnLike: { 'aws:SourceArn': stack.resolve(lake.zone(z.name).bucketArn) } }),
            }),
          ),
        ),
      },
    });
  });

  test('the access-log bucket uses SSE-S3 and expires logs after 365 days by default', () => {
    const props = resourceOf(template, lake.accessLogsBucket).Properties;
    expect(props.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    expect(props.LifecycleConfiguration).toMatchObject({ Rules: expect.arrayContaining([expect.objectContaining({ ExpirationInDays: 365 })]) });
  });

  test("applies each zone's lifecycle", () => {
    const rules = (zone: string) => (resourceOf(template, lake.zone(zone)).Properties.LifecycleConfiguration as { Rules: object[] }).Rules;
    expect(rules('raw')).toContainEqual({ Id: 'storage-tiers', Status: 'Enabled', ExpirationInDays: 30 });
    expect(rules('curated')).toContainEqual({
      Id: 'storage-tiers',
      Status: 'Enabled',
      Transitions: [{ StorageClass: 'INTELLIGENT_TIERING', TransitionInDays: 0 }],
    });
    expect(rules('analytics-v2')).toEqual([
      { Id: 'abort-incomplete-multipart-uploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
    ]);
  });

  test('retains every bucket by default', () => {
    for (const bucket of [...lake.zoneBuckets, lake.accessLogsBucket]) {
      expect(resourceOf(template, bucket)).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
  });

  describe('grantRead', () => {
    let statements: TemplateStatement[];
    beforeAll(() => {
      statements = rolePolicyStatements(template, reader);
    });

    test('gives s3:GetObject* on the zone bucket and its objects', () => {
      const raw = lake.zone('raw');
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Allow',
          Action: expect.arrayContaining(['s3:GetObject*', 's3:List*']),
          Resource: [stack.resolve(raw.bucketArn), stack.resolve(raw.arnForObjects('*'))],
        }),
      );
    });

    test("gives kms:Decrypt on the zone's key only", () => {
      const kmsStatements = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('kms:')));
      expect(kmsStatements).toEqual([
        expect.objectContaining({ Effect: 'Allow', Action: expect.arrayContaining(['kms:Decrypt']), Resource: stack.resolve(keys.raw.keyArn) }),
      ]);
    });

    test('gives no write and no encrypt', () => {
      const actions = statements.flatMap(actionsOf);
      expect(actions.filter((a) => /^s3:(Put|Delete|Abort)/.test(a) || /^kms:(Encrypt|GenerateDataKey|ReEncrypt)/.test(a))).toEqual([]);
    });

    test("reaches no other zone's bucket or key", () => {
      const policyText = JSON.stringify(statements);
      for (const other of ['curated', 'analytics-v2']) {
        expect(policyText).not.toContain(logicalIdOf(lake.zone(other)));
        expect(policyText).not.toContain(logicalIdOf(keys[other]));
      }
    });
  });

  describe('grantReadWrite', () => {
    let statements: TemplateStatement[];
    beforeAll(() => {
      statements = rolePolicyStatements(template, writer);
    });

    test('gives s3:GetObject* and s3:PutObject on the zone', () => {
      const curated = lake.zone('curated');
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Allow',
          Action: expect.arrayContaining(['s3:GetObject*', 's3:PutObject']),
          Resource: [stack.resolve(curated.bucketArn), stack.resolve(curated.arnForObjects('*'))],
        }),
      );
    });

    test("gives kms:Decrypt, kms:Encrypt and kms:GenerateDataKey* on the zone's key only", () => {
      const kmsStatements = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('kms:')));
      expect(kmsStatements).toEqual([
        expect.objectContaining({
          Action: expect.arrayContaining(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*']),
          Resource: stack.resolve(keys.curated.keyArn),
        }),
      ]);
    });

    test("reaches no other zone's bucket or key", () => {
      const policyText = JSON.stringify(statements);
      for (const other of ['raw', 'analytics-v2']) {
        expect(policyText).not.toContain(logicalIdOf(lake.zone(other)));
        expect(policyText).not.toContain(logicalIdOf(keys[other]));
      }
    });
  });

  test('limits a grant to an object key prefix when one is given', () => {
    const analytics = lake.zone('analytics-v2');
    expect(rolePolicyStatements(template, prefixReader)).toContainEqual(
      expect.objectContaining({
        Action: expect.arrayContaining(['s3:GetObject*']),
        Resource: [stack.resolve(analytics.bucketArn), stack.resolve(analytics.arnForObjects('reports/*'))],
      }),
    );
  });

  test('fails to look up or grant an unknown zone, naming the known zones', () => {
    const message = "DataLake 'Test/Lake' has no zone 'nope'; zones: raw, curated, analytics-v2";
    expect(() => lake.zone('nope')).toThrow(message);
    expect(() => lake.grantRead(reader, 'nope')).toThrow(message);
    expect(() => lake.grantReadWrite(writer, 'nope')).toThrow(message);
  });
});

describe('DataLake with replicas', () => {
  let lake: DataLake;
  let template: Template;
  beforeAll(() => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    lake = new DataLake(stack, 'Lake', {
      zones: [{ name: 'raw', classification: 'restricted', encryptionKey: key, lifecycle: { expiration: Duration.days(30) } }],
      replicas: true,
    });
    template = Template.fromStack(stack);
  });

  test('keeps a same-region replica of each zone, with the same key, lifecycle and tags', () => {
    const replica = lake.replicaOf('raw')!;
    expect(lake.replicas).toEqual([replica]);
    const zone = resourceOf(template, lake.zone('raw')).Properties;
    const copy = resourceOf(template, replica).Properties;
    expect(copy.BucketEncryption).toEqual(zone.BucketEncryption);
    expect(copy.LifecycleConfiguration).toEqual(zone.LifecycleConfiguration);
    expect(copy.Tags).toEqual([...(zone.Tags as object[]), { Key: 'replica-of', Value: 'raw' }]);
    expect(copy.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logicalIdOf(lake.accessLogsBucket) }, LogFilePrefix: 'raw-replica/' });
  });

  test('replicates each zone to its replica', () => {
    expect(resourceOf(template, lake.zone('raw')).Properties.ReplicationConfiguration).toMatchObject({
      Rules: [{ Destination: { Bucket: { 'Fn::GetAtt': [logicalIdOf(lake.replicaOf('raw')!), 'Arn'] } } }],
    });
  });

  test('has no replica by default', () => {
    const stack = testStack();
    const plain = new DataLake(stack, 'Lake', { zones: [{ name: 'raw', classification: 'internal', encryptionKey: new kms.Key(stack, 'K'), lifecycle: {} }] });
    expect(plain.replicas).toEqual([]);
    expect(plain.replicaOf('raw')).toBeUndefined();
    expect(resourceOf(Template.fromStack(stack), plain.zone('raw')).Properties.ReplicationConfiguration).toBeUndefined();
  });
});

describe('DataLake options', () => {
  test('applies the access-log retention and DESTROY to every bucket', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    const lake = new DataLake(stack, 'Lake', {
      zones: [{ name: 'raw', classification: 'internal', encryptionKey: key, lifecycle: {} }],
      accessLogRetention: Duration.days(30),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const template = Template.fromStack(stack);
    for (const bucket of [lake.zone('raw'), lake.accessLogsBucket]) {
      expect(resourceOf(template, bucket)).toMatchObject({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
    }
    expect(resourceOf(template, lake.accessLogsBucket).Properties.LifecycleConfiguration).toMatchObject({
      Rules: expect.arrayContaining([expect.objectContaining({ ExpirationInDays: 30 })]),
    });
  });
});

describe('DataLake validation', () => {
  let stack: Stack;
  let key: kms.IKey;
  beforeAll(() => {
    stack = testStack();
    key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000');
  });
  const zone = (name: string): DataLakeZoneProps => ({ name, classification: 'internal', encryptionKey: key, lifecycle: {} });
  let n = 0;
  const lakeOf = (zones: DataLakeZoneProps[]) => () => new DataLake(stack, `Lake${n++}`, { zones });

  test('fails if there are no zones', () => {
    expect(lakeOf([])).toThrow(/^Invalid DataLake 'Test\/Lake\d+':\n {2}- zones: received none; allowed: at least one zone$/);
  });

  test('fails if a zone name is used twice', () => {
    expect(lakeOf([zone('raw'), zone('curated'), zone('raw')])).toThrow(
      "zones[2].name: received 'raw' twice; allowed: unique zone names",
    );
  });

  test.each(['Raw', 'raw_zone', '1raw', '', 'a'.repeat(32), 'raw zone'])('fails if a zone name is invalid (%j)', (name) => {
    expect(lakeOf([zone(name)])).toThrow(
      `zones[0].name: received '${name}'; allowed: lowercase letters, digits and hyphens, starting with a letter, at most 31`,
    );
  });

  test('accepts a 31-character zone name', () => {
    expect(lakeOf([zone('a'.repeat(31))])).not.toThrow();
  });

  test.each([
    ['raw2024', 'raw-2024'],
    ['raw', 'raw-'],
    ['a-b', 'a--b'],
  ])('fails if zone names %j and %j differ only in hyphens (their buckets would share a construct id)', (first, second) => {
    expect(lakeOf([zone(first), zone(second)])).toThrow(
      `zones[1].name: received '${second}', which differs from '${first}' only in hyphens; allowed: names that differ in letters or digits`,
    );
  });

  test('reports several problems together', () => {
    let message = '';
    try {
      lakeOf([zone('Raw'), zone('curated'), zone('curated'), zone('raw_')])();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n')).toEqual([
      expect.stringMatching(/^Invalid DataLake 'Test\/Lake\d+':$/),
      "  - zones[0].name: received 'Raw'; allowed: lowercase letters, digits and hyphens, starting with a letter, at most 31",
      "  - zones[2].name: received 'curated' twice; allowed: unique zone names",
      "  - zones[3].name: received 'raw_'; allowed: lowercase letters, digits and hyphens, starting with a letter, at most 31",
    ]);
  });
});
