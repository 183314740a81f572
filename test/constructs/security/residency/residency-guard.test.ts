import { App, CfnResource, Stack, Stage } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { ResidencyGuard } from '../../../../constructs/security/residency';
import { testApp } from '../../../support/app';

const EU = ['eu-west-1', 'eu-west-3', 'eu-central-1'];
const ACCOUNT = '111111111111';

/** A stage guarded for the EU zone; `build` adds the resources under test. */
function guardedStage(build: (stage: Stage, app: App) => void): { app: App; guard: ResidencyGuard } {
  const app = testApp();
  const stage = new Stage(app, 'Env', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const guard = new ResidencyGuard(stage, 'ResidencyGuard', { zoneName: 'eu', allowedRegions: EU });
  build(stage, app);
  return { app, guard };
}

/** The synth error message (the guard runs as a construct validation). */
function synthError(app: App): string {
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth succeeded');
}

const pinned = (stage: Stage, id = 'Data', region = 'eu-west-1') => new Stack(stage, id, { env: { account: ACCOUNT, region } });

describe('ResidencyGuard fails synth if', () => {
  test('a stack is environment-agnostic (no region)', () => {
    const app = testApp();
    const stage = new Stage(app, 'Env');
    new ResidencyGuard(stage, 'ResidencyGuard', { zoneName: 'eu', allowedRegions: EU });
    new ssm.StringParameter(new Stack(stage, 'Agnostic'), 'P', { stringValue: 'x' });
    expect(synthError(app)).toContain("Env/Agnostic: stack is environment-agnostic (region unresolved, received '{\"Ref\":\"AWS::Region\"}'); a stack must be pinned to a region; allowed: regions of residency zone 'eu' (eu-west-1, eu-west-3, eu-central-1)");
  });

  test('a stack is pinned to a region outside the zone', () => {
    const { app } = guardedStage((stage) => new ssm.StringParameter(pinned(stage, 'Far', 'us-east-1'), 'P', { stringValue: 'x' }));
    expect(synthError(app)).toContain("Env/Far: stack region 'us-east-1' is outside the zone; allowed: regions of residency zone 'eu'");
  });

  test('a resource property names another region (here a key ARN in another region)', () => {
    const { app } = guardedStage((stage) =>
      new ssm.StringParameter(pinned(stage), 'KeyRef', { stringValue: 'arn:aws:kms:us-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' }),
    );
    expect(synthError(app)).toContain(
      "Env/Data/KeyRef/Resource: Value names region 'us-west-2' (value \"arn:aws:kms:us-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab\"); allowed: regions of residency zone 'eu'",
    );
  });

  test('a KMS key is multi-Region', () => {
    const { app } = guardedStage((stage) => new kms.Key(pinned(stage), 'Key', { multiRegion: true }));
    expect(synthError(app)).toContain('Env/Data/Key/Resource: MultiRegion is true; key material could be replicated out of the zone; allowed: single-Region keys (MultiRegion false)');
  });

  test('a bucket replicates to a bucket the environment does not define', () => {
    const { app } = guardedStage((stage) =>
      new s3.CfnBucket(pinned(stage), 'Bucket', {
        versioningConfiguration: { status: 'Enabled' },
        replicationConfiguration: {
          role: `arn:aws:iam::${ACCOUNT}:role/replication`,
          rules: [{ status: 'Enabled', destination: { bucket: 'arn:aws:s3:::somewhere-else' } }],
        },
      }),
    );
    expect(synthError(app)).toContain(
      'Env/Data/Bucket: ReplicationConfiguration.Rules[0].Destination.Bucket is "arn:aws:s3:::somewhere-else", a bucket this environment does not define (S3 ARNs carry no region, so it cannot be proven in zone); allowed: a bucket of a stack of this environment',
    );
  });

  test('an MSK replicator reaches a cluster outside the zone', () => {
    const { app } = guardedStage((stage) =>
      new CfnResource(pinned(stage), 'Replicator', {
        type: 'AWS::MSK::Replicator',
        properties: {
          KafkaClusters: [
            { AmazonMskCluster: { MskClusterArn: `arn:aws:kafka:eu-west-1:${ACCOUNT}:cluster/source/11111111-2222-3333-4444-555555555555-1` } },
            { AmazonMskCluster: { MskClusterArn: `arn:aws:kafka:us-east-1:${ACCOUNT}:cluster/target/11111111-2222-3333-4444-555555555555-1` } },
          ],
        },
      }),
    );
    const message = synthError(app);
    expect(message).toContain(
      `Env/Data/Replicator: KafkaClusters[1].AmazonMskCluster.MskClusterArn is "arn:aws:kafka:us-east-1:${ACCOUNT}:cluster/target/11111111-2222-3333-4444-555555555555-1" (region 'us-east-1'), a cluster outside the zone`,
    );
    expect(message).not.toContain('KafkaClusters[0]');
    // Reported once, as a replicator violation, not again as a region string.
    expect(message.match(/us-east-1:111111111111:cluster\/target/g)).toHaveLength(1);
  });

  test('stacks reference each other across regions (even inside the zone)', () => {
    const { app } = guardedStage((stage) => {
      const producer = new Stack(stage, 'Producer', { env: { account: ACCOUNT, region: 'eu-west-3' }, crossRegionReferences: true });
      const consumer = new Stack(stage, 'Consumer', { env: { account: ACCOUNT, region: 'eu-west-1' }, crossRegionReferences: true });
      const bucket = new s3.Bucket(producer, 'Bucket');
      new ssm.StringParameter(consumer, 'BucketName', { stringValue: bucket.bucketName });
    });
    const message = synthError(app);
    expect(message).toContain("Env/Consumer: depends on stack Env/Producer in region 'eu-west-3' (stack region 'eu-west-1'); allowed: dependencies within one region");
    expect(message).toMatch(/cross-region reference \(Custom::CrossRegionExport(Reader|Writer)\)/);
  });

  test('several things are wrong: every violation is listed at once', () => {
    const { app } = guardedStage((stage) => {
      new kms.Key(pinned(stage), 'Key', { multiRegion: true });
      new ssm.StringParameter(pinned(stage, 'Far', 'us-east-1'), 'P', { stringValue: 'x' });
    });
    const message = synthError(app);
    expect(message).toContain('MultiRegion is true');
    expect(message).toContain("stack region 'us-east-1'");
  });
});

describe('ResidencyGuard passes', () => {
  test('in-zone regions, availability zones and ARNs, replication to a bucket of the environment', () => {
    const { app, guard } = guardedStage((stage) => {
      const stack = pinned(stage);
      new ssm.StringParameter(stack, 'Az', { stringValue: 'eu-west-1a,eu-central-1b' });
      new ssm.StringParameter(stack, 'Arn', { stringValue: 'arn:aws:kms:eu-west-3:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' });
      const target = new s3.CfnBucket(stack, 'Target', { versioningConfiguration: { status: 'Enabled' } });
      new s3.CfnBucket(stack, 'Source', {
        versioningConfiguration: { status: 'Enabled' },
        replicationConfiguration: { role: `arn:aws:iam::${ACCOUNT}:role/replication`, rules: [{ status: 'Enabled', destination: { bucket: target.attrArn } }] },
      });
      new kms.Key(stack, 'Key');
    });
    expect(guard.violations()).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });

  test('fails fast if it is given no region', () => {
    expect(() => new ResidencyGuard(new Stage(testApp(), 'S'), 'G', { zoneName: 'eu', allowedRegions: [] })).toThrow(
      "allowedRegions: received none; allowed: the regions of zone 'eu'",
    );
  });
});
