import { RemovalPolicy } from 'aws-cdk-lib';
import * as msk from 'aws-cdk-lib/aws-msk';
import { Construct } from 'constructs';
import { CleanupPolicy, CompressionType } from './topic-settings';
import { TopicSpec } from './topic-spec';

export interface KafkaTopicProps {
  /** ARN of the cluster the topic lives in. */
  readonly clusterArn: string;
  /** The topic. */
  readonly spec: TopicSpec;
}

/**
 * One Kafka topic as a native `AWS::MSK::Topic`. Always retained: deleting the
 * resource (or replacing it on a rename) never deletes the topic's data. The
 * construct id should be the spec's stable `id`, so the logical id survives renames.
 */
export class KafkaTopic extends Construct {
  /** The Kafka topic name. */
  public readonly topicName: string;
  /** The topic's ARN. */
  public readonly topicArn: string;
  /** The spec it was built from. */
  public readonly spec: TopicSpec;
  /** The L1 resource. */
  public readonly resource: msk.CfnTopic;

  constructor(scope: Construct, id: string, props: KafkaTopicProps) {
    super(scope, id);
    this.spec = props.spec;
    this.topicName = props.spec.name;
    this.resource = new msk.CfnTopic(this, 'Resource', {
      clusterArn: props.clusterArn,
      topicName: props.spec.name,
      partitionCount: props.spec.partitions,
      replicationFactor: props.spec.replicationFactor,
      configs: Buffer.from(renderTopicConfigs(topicConfigs(props.spec)), 'utf8').toString('base64'),
    });
    this.resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.topicArn = this.resource.attrTopicArn;
  }
}

/** The topic-level Kafka configs of a spec (what `Configs` carries, before Base64). */
export function topicConfigs(spec: TopicSpec): Record<string, string> {
  const cleanup = spec.cleanupPolicy ?? CleanupPolicy.DELETE;
  const configs: Record<string, string> = {
    'cleanup.policy': cleanup.value,
    'compression.type': (spec.compression ?? CompressionType.PRODUCER).value,
    'max.message.bytes': String(spec.maxMessageSize?.toBytes() ?? 1024 * 1024),
  };
  if (cleanup.deletesByAge) configs['retention.ms'] = String(spec.retention?.toMilliseconds() ?? 7 * 24 * 3600 * 1000);
  if (cleanup.compacts) configs['delete.retention.ms'] = String(spec.tombstoneRetention?.toMilliseconds() ?? 24 * 3600 * 1000);
  if (spec.minInSyncReplicas !== undefined) configs['min.insync.replicas'] = String(spec.minInSyncReplicas);
  return Object.fromEntries(Object.keys(configs).sort().map((k) => [k, configs[k]]));
}

/** Properties-file text of topic configs. */
export function renderTopicConfigs(configs: Readonly<Record<string, string>>): string {
  return Object.entries(configs)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}
