import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { MskCluster } from './msk-cluster';

/** Debezium source connector class. */
export class DebeziumSource {
  public static readonly POSTGRES = new DebeziumSource('postgres', 'io.debezium.connector.postgresql.PostgresConnector');
  public static readonly MYSQL = new DebeziumSource('mysql', 'io.debezium.connector.mysql.MySqlConnector');

  /** A source by configuration name. */
  public static of(name: string): DebeziumSource {
    const found = [DebeziumSource.POSTGRES, DebeziumSource.MYSQL].find((s) => s.name === name);
    if (!found) throw new Error(`DebeziumSource must be postgres or mysql; received '${name}'`);
    return found;
  }

  private constructor(
    public readonly name: string,
    /** `connector.class`. */
    public readonly connectorClass: string,
  ) {}
}

/** MSK Connect worker autoscaling. */
export interface ConnectorCapacity {
  /**
   * MSK Connect units per worker (1, 2, 4 or 8).
   * @default 1
   */
  readonly mcuCount?: number;
  /** @default 1 */
  readonly minWorkers?: number;
  /** @default 2 */
  readonly maxWorkers?: number;
}

export interface DebeziumConnectorProps {
  /** Connector name (unique in the account and region). */
  readonly connectorName: string;
  /** Cluster the connector writes to, with IAM authentication. */
  readonly cluster: MskCluster;
  readonly source: DebeziumSource;
  readonly database: {
    readonly hostname: string;
    readonly port: number;
    readonly name: string;
  };
  /** Secret with `username` and `password`, read by the worker's Secrets Manager config provider (never in the template). */
  readonly credentials: secretsmanager.ISecret;
  /**
   * Key the credentials secret is encrypted with: the connector is granted decrypt through Secrets Manager.
   * @default - the secret's own key, if known
   */
  readonly credentialsKey?: kms.IKey;
  /** Debezium `topic.prefix`: tables go to `<prefix>.<schema>.<table>`. */
  readonly topicPrefix: string;
  /** Tables captured, as `<schema>.<table>`; each topic must exist (and be compacted). */
  readonly tables: readonly string[];
  /** Bucket and key of the plugin zip (Debezium + the MSK config providers). */
  readonly pluginBucket: s3.IBucket;
  readonly pluginKey: string;
  /** VPC and subnets of the workers. */
  readonly vpc: ec2.IVpc;
  /**
   * @default - the VPC's private isolated subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /** Key of the worker log group (its policy must allow CloudWatch Logs). */
  readonly logEncryptionKey: kms.IKey;
  /** @default logs.RetentionDays.THREE_MONTHS */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Kafka Connect version.
   * @default '3.7.x'
   */
  readonly connectVersion?: string;
  /** @default - 1 MCU, 1 to 2 workers */
  readonly capacity?: ConnectorCapacity;
  /** @default RemovalPolicy.RETAIN (log group) */
  readonly removalPolicy?: RemovalPolicy;
}
