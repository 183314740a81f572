import * as msk from 'aws-cdk-lib/aws-msk';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { resolve } from '../private/stack';
import { field, fieldAt, isTrue } from '../private/values';
import { compliantIf, PlatformRule } from '../rule';

/** `key=value` lines (server.properties or decoded topic configs) as a map. */
function properties(text: unknown): Record<string, string> | undefined {
  if (typeof text !== 'string') return undefined;
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([^#=\s][^=]*?)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

const atLeast = (value: unknown, min: number) => typeof value === 'string' && /^\d+$/.test(value) && Number(value) >= min;

function clusterIsDurable(node: msk.CfnCluster): boolean {
  const transit = fieldAt(resolve(node, node.encryptionInfo), 'encryptionInTransit');
  const clientBroker = field(transit, 'clientBroker');
  const inCluster = field(transit, 'inCluster');
  const unauthenticated = fieldAt(resolve(node, node.clientAuthentication), 'unauthenticated', 'enabled');
  return clientBroker === 'TLS' && (inCluster === undefined || isTrue(inCluster)) && !isTrue(unauthenticated);
}

function configurationIsDurable(node: msk.CfnConfiguration): boolean {
  const props = properties(resolve(node, node.serverProperties));
  if (!props) return false;
  return (
    atLeast(props['default.replication.factor'], 3) &&
    atLeast(props['min.insync.replicas'], 2) &&
    props['unclean.leader.election.enable'] === 'false' &&
    (props['transaction.state.log.replication.factor'] === undefined || atLeast(props['transaction.state.log.replication.factor'], 3)) &&
    (props['transaction.state.log.min.isr'] === undefined || atLeast(props['transaction.state.log.min.isr'], 2))
  );
}

function topicIsDurable(node: msk.CfnTopic): boolean {
  const rf = resolve(node, node.replicationFactor);
  if (typeof rf !== 'number' || rf < 3) return false;
  const configs = resolve(node, node.configs);
  if (configs === undefined) return true;
  if (typeof configs !== 'string') return false;
  const props = properties(Buffer.from(configs, 'base64').toString('utf8')) ?? {};
  const isr = props['min.insync.replicas'];
  return (isr === undefined || (atLeast(isr, 2) && Number(isr) < rf)) && props['unclean.leader.election.enable'] !== 'true';
}

/**
 * Kafka keeps acknowledged writes and encrypts them in transit: an MSK cluster
 * allows TLS only (client-broker TLS, in-cluster encryption on) and no
 * unauthenticated access; an MSK configuration sets `default.replication.factor` >= 3,
 * `min.insync.replicas` >= 2, `unclean.leader.election.enable=false` (and, when set,
 * the transaction state log RF >= 3 and min ISR >= 2); an MSK topic has replication
 * factor >= 3 and, when set, 2 <= `min.insync.replicas` < RF. Other resources: not applicable.
 */
export const MSK_KAFKA_DURABILITY: PlatformRule = {
  id: 'MskKafkaDurability',
  info: 'The MSK cluster, configuration or topic allows plaintext or unauthenticated clients, or a replication factor below 3 / min.insync.replicas below 2 / unclean leader election.',
  explanation:
    'An acknowledged write must survive the loss of a broker: with three replicas and two in sync, acks=all writes are on two ' +
    'brokers before the producer is told they succeeded, and an out-of-sync replica never becomes leader. Client traffic and ' +
    'replication must be encrypted and every client authenticated.',
  level: NagMessageLevel.ERROR,
  controls: [
    'Curriculum 3 (Ingestion): replication factor 3, min.insync.replicas 2, no unclean leader election for Kafka topics',
    'Curriculum 7 (Security & privacy): encrypt data in transit with TLS and authenticate every client',
  ],
  check: (node) => {
    if (node instanceof msk.CfnCluster) return compliantIf(clusterIsDurable(node));
    if (node instanceof msk.CfnConfiguration) return compliantIf(configurationIsDurable(node));
    if (node instanceof msk.CfnTopic) return compliantIf(topicIsDurable(node));
    return NagRuleCompliance.NOT_APPLICABLE;
  },
};
