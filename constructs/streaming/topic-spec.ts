import { Duration, Size } from 'aws-cdk-lib';
import { StreamingProblem } from './problems';
import { CleanupPolicy, CompressionType } from './topic-settings';

/** One topic as code. */
export interface TopicSpec {
  /**
   * Stable identifier: names the construct (hence the CloudFormation logical id) and
   * the entry in the topic lock. Never reuse an id for another topic; renaming the
   * Kafka topic keeps the id.
   */
  readonly id: string;
  /** Kafka topic name. */
  readonly name: string;
  /** Number of partitions (can grow, never shrink). */
  readonly partitions: number;
  /** Replicas of every partition. Changing it replaces the topic. */
  readonly replicationFactor: number;
  /** Team accountable for the topic and its data. */
  readonly owner: string;
  /**
   * `min.insync.replicas` of this topic.
   * @default - the cluster's `min.insync.replicas`
   */
  readonly minInSyncReplicas?: number;
  /**
   * How long records are kept (ignored by compact-only topics).
   * @default Duration.days(7)
   */
  readonly retention?: Duration;
  /**
   * What happens to old records.
   * @default CleanupPolicy.DELETE
   */
  readonly cleanupPolicy?: CleanupPolicy;
  /**
   * How long tombstones stay readable in a compacted topic, so every consumer sees
   * the delete (erasure requests) before it disappears.
   * @default Duration.days(1)
   */
  readonly tombstoneRetention?: Duration;
  /**
   * Codec the broker stores records with.
   * @default CompressionType.PRODUCER
   */
  readonly compression?: CompressionType;
  /**
   * Largest record batch the topic accepts.
   * @default Size.mebibytes(1)
   */
  readonly maxMessageSize?: Size;
  /**
   * What one replica keeps on disk (see `retainedBytesPerReplica`), for the cluster's
   * storage budget.
   * @default - not counted in the budget
   */
  readonly retainedSizePerReplica?: Size;
  /**
   * Consumer groups that read the topic: they get lag alarms and `grantConsume`.
   * @default - none
   */
  readonly consumerGroups?: readonly string[];
}

/** What the topic checks need to know about the cluster. */
export interface TopicValidationContext {
  /** Brokers of the cluster: no replication factor may exceed it. */
  readonly brokerCount: number;
  /** The cluster's `min.insync.replicas` (applies to topics that set none). */
  readonly defaultMinInSyncReplicas: number;
  /**
   * Lowest replication factor allowed (3 in production).
   * @default 2
   */
  readonly minReplicationFactor?: number;
  /**
   * Storage the retained data of all topics (x replication factor) must fit in.
   * @default - not checked
   */
  readonly storageBudget?: Size;
}

/** Kafka's topic name rule (legal characters, at most 249, not `.` or `..`). */
export const KAFKA_TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;
/** Consumer group ids the platform accepts (Kafka allows more; IAM resource names do not). */
export const CONSUMER_GROUP_NAME = /^[a-zA-Z0-9._-]{1,255}$/;
/** Stable topic id: lowercase words joined by hyphens. */
export const TOPIC_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const MAX_MESSAGE = Size.mebibytes(8);

/**
 * Every problem with a list of topics for a cluster; paths are `[index, field]`.
 * Pure: the construct throws with these problems, the configuration schema reports
 * them against its own paths.
 */
export function validateTopics(topics: readonly TopicSpec[], context: TopicValidationContext): StreamingProblem[] {
  const problems: StreamingProblem[] = [];
  const minRf = context.minReplicationFactor ?? 2;
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  const collisions = new Map<string, number>();

  topics.forEach((t, i) => {
    if (!TOPIC_ID.test(t.id)) problems.push({ path: [i, 'id'], received: t.id, allowed: 'lowercase letters and digits in hyphen-separated words, e.g. orders-events' });
    if (ids.has(t.id)) problems.push({ path: [i, 'id'], received: t.id, allowed: `a unique id (topic ${ids.get(t.id)} has it already)` });
    ids.set(t.id, i);

    if (!KAFKA_TOPIC_NAME.test(t.name) || t.name === '.' || t.name === '..') {
      problems.push({ path: [i, 'name'], received: t.name, allowed: "1-249 characters from a-z, A-Z, 0-9, '.', '_', '-'; not '.' or '..'" });
    } else if (t.name.startsWith('__')) {
      problems.push({ path: [i, 'name'], received: t.name, allowed: "a name not starting with '__' (reserved for Kafka's internal topics)" });
    }
    if (names.has(t.name)) problems.push({ path: [i, 'name'], received: t.name, allowed: `a unique name (topic ${names.get(t.name)} has it already)` });
    else {
      const folded = t.name.replace(/\./g, '_');
      const other = collisions.get(folded);
      if (other !== undefined) {
        problems.push({
          path: [i, 'name'],
          received: t.name,
          allowed: `a name that differs from '${topics[other].name}' by more than '.' versus '_' (their metric names collide)`,
        });
      }
      collisions.set(folded, i);
    }
    names.set(t.name, i);

    if (!Number.isInteger(t.partitions) || t.partitions < 1 || t.partitions > 10000) {
      problems.push({ path: [i, 'partitions'], received: t.partitions, allowed: 'a whole number from 1 to 10000' });
    }
    const rf = t.replicationFactor;
    if (!Number.isInteger(rf) || rf < minRf || rf > context.brokerCount) {
      const allowed =
        minRf > context.brokerCount
          ? `${minRf} or more, but the cluster has only ${context.brokerCount} brokers: add brokers`
          : `a whole number from ${minRf} to the broker count ${context.brokerCount}`;
      problems.push({ path: [i, 'replicationFactor'], received: rf, allowed });
    } else {
      const isr = t.minInSyncReplicas ?? context.defaultMinInSyncReplicas;
      if (!Number.isInteger(isr) || isr < 1 || isr >= rf) {
        const from = t.minInSyncReplicas === undefined ? ` (the cluster's min.insync.replicas)` : '';
        problems.push({
          path: [i, t.minInSyncReplicas === undefined ? 'replicationFactor' : 'minInSyncReplicas'],
          received: t.minInSyncReplicas === undefined ? rf : isr,
          allowed:
            t.minInSyncReplicas === undefined
              ? `more than min.insync.replicas ${isr}${from}, so a write survives one replica being down`
              : `a whole number from 1 to ${rf - 1} (below the replication factor ${rf})`,
        });
      }
    }
    const retention = t.retention?.toMilliseconds();
    if (retention !== undefined && retention < Duration.minutes(10).toMilliseconds()) {
      problems.push({ path: [i, 'retention'], received: t.retention?.toHumanString(), allowed: '10 minutes or more' });
    }
    const maxMessage = t.maxMessageSize?.toBytes();
    if (maxMessage !== undefined && (maxMessage < 1024 || maxMessage > MAX_MESSAGE.toBytes())) {
      problems.push({ path: [i, 'maxMessageSize'], received: `${maxMessage} bytes`, allowed: `1 KiB to 8 MiB` });
    }
    const groups = new Set<string>();
    (t.consumerGroups ?? []).forEach((g, j) => {
      if (!CONSUMER_GROUP_NAME.test(g)) problems.push({ path: [i, 'consumerGroups', j], received: g, allowed: "1-255 characters from a-z, A-Z, 0-9, '.', '_', '-'" });
      if (groups.has(g)) problems.push({ path: [i, 'consumerGroups', j], received: g, allowed: 'each group once' });
      groups.add(g);
    });
    if (t.owner.trim() === '') problems.push({ path: [i, 'owner'], received: t.owner, allowed: 'the accountable team' });
  });

  const budget = context.storageBudget?.toBytes();
  if (budget !== undefined) {
    let total = 0;
    const over: string[] = [];
    for (const t of topics) {
      const share = (t.retainedSizePerReplica?.toBytes() ?? 0) * t.replicationFactor;
      total += share;
      if (total > budget && share > 0) over.push(`${t.name} (${gib(share)} GiB)`);
    }
    if (total > budget) {
      problems.push({
        path: [],
        received: `${gib(total)} GiB retained x replication factor`,
        allowed: `at most the cluster's storage budget of ${gib(budget)} GiB; over budget from: ${over.join(', ')} (shorten their retention, lower their throughput or raise the maximum broker storage)`,
      });
    }
  }
  return problems;
}

function gib(bytes: number): string {
  return (bytes / 1024 ** 3).toFixed(1);
}
