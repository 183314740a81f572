import { Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PlatformKeys } from '../../constructs/encryption';
import { DataLake } from '../../constructs/storage';
import { EnvironmentConfig, LAKE_ZONES, toLifecycleTiers } from '../config/schema';

export interface LakeStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly keys: PlatformKeys;
}

/** The data lake: one encrypted, tiered bucket per zone. */
export class LakeStack extends Stack {
  public readonly lake: DataLake;

  constructor(scope: Construct, id: string, props: LakeStackProps) {
    super(scope, id, props);
    const { config, keys } = props;
    this.lake = new DataLake(this, 'DataLake', {
      zones: LAKE_ZONES.map((name) => {
        const zone = config.lake.zones[name];
        return {
          name,
          classification: zone.classification,
          encryptionKey: keys.keyFor(zone.classification),
          lifecycle: toLifecycleTiers(zone.lifecycle),
        };
      }),
      accessLogRetention: Duration.days(config.lake.accessLogRetentionDays),
      // A same-region replica of each zone: backup inside the residency zone (see docs/report.md).
      replicas: true,
      removalPolicy: config.removal.destroyDataOnDelete ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
  }
}
