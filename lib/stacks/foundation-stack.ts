import { Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { KeyService, PlatformKeys } from '../../constructs/encryption';
import { AlarmTopic } from '../../constructs/observability';
import { EnvironmentConfig } from '../config/schema';

export interface FoundationStackProps extends StackProps {
  readonly config: EnvironmentConfig;
}

/** Long-lived foundations of an environment: its customer-managed keys and the topic its alarms notify. */
export class FoundationStack extends Stack {
  public readonly keys: PlatformKeys;
  /** Where every alarm and incident event of the environment is sent. */
  public readonly alarmTopic: AlarmTopic;

  constructor(scope: Construct, id: string, props: FoundationStackProps) {
    super(scope, id, props);
    const { config } = props;
    const usage = config.encryption.keyUsage;
    const services = (names: readonly string[]) => names.map((n) => KeyService.of(n));
    this.keys = new PlatformKeys(this, 'Keys', {
      aliasPrefix: `data-platform/${config.name}`,
      usage: {
        internal: services(usage.internal),
        confidential: services(usage.confidential),
        restricted: services(usage.restricted),
        audit: services(usage.audit),
      },
      importedKeyArns: config.encryption.importedKeys,
      removalPolicy: config.removal.destroyDataOnDelete ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(config.production ? 30 : 7),
    });
    this.alarmTopic = new AlarmTopic(this, 'Alarms', {
      encryptionKey: this.keys.keyFor('internal'),
      displayName: `Data platform ${config.name} alarms`,
    });
  }
}
