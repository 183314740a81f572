import { StreamingProblem } from './problems';

/** A server property value as MSK's `server.properties` holds it. */
export type ServerPropertyValue = string | number | boolean;

/**
 * Broker defaults that keep acknowledged writes: topics only as code, three replicas,
 * two in sync before a write is acknowledged (`acks=all`), no election of an
 * out-of-sync leader, and the same guarantees for the transaction state log
 * (exactly-once producers) and consumer offsets.
 */
export const SAFE_SERVER_PROPERTIES: Readonly<Record<string, ServerPropertyValue>> = {
  'auto.create.topics.enable': false,
  'default.replication.factor': 3,
  'min.insync.replicas': 2,
  'unclean.leader.election.enable': false,
  'offsets.topic.replication.factor': 3,
  'transaction.state.log.replication.factor': 3,
  'transaction.state.log.min.isr': 2,
  'num.partitions': 3,
  'log.retention.hours': 168,
  'delete.topic.enable': true,
  'allow.everyone.if.no.acl.found': false,
};

const KEY = /^[a-z][a-z0-9]*(\.[a-z0-9]+)*$/;

/** The safe defaults with `overrides` applied (keys sorted, for stable templates). */
export function serverProperties(overrides: Readonly<Record<string, ServerPropertyValue>> = {}): Record<string, ServerPropertyValue> {
  const merged = { ...SAFE_SERVER_PROPERTIES, ...overrides };
  return Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
}

/** Renders properties as the text of a `server.properties` file. */
export function renderServerProperties(properties: Readonly<Record<string, ServerPropertyValue>>): string {
  return Object.entries(properties)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('\n');
}

/** Reads an integer property (numbers or numeric strings), or undefined. */
export function intProperty(properties: Readonly<Record<string, ServerPropertyValue>>, key: string): number | undefined {
  const value = properties[key];
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

function boolProperty(properties: Readonly<Record<string, ServerPropertyValue>>, key: string): boolean | undefined {
  const value = properties[key];
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}

/**
 * Problems with resolved server properties for a cluster of `brokerCount` brokers:
 * replication factors within the broker count, each minimum ISR below its
 * replication factor, auto-creation and unclean election off. Paths are property keys.
 */
export function validateServerProperties(properties: Readonly<Record<string, ServerPropertyValue>>, brokerCount: number): StreamingProblem[] {
  const problems: StreamingProblem[] = [];
  for (const key of Object.keys(properties)) {
    if (!KEY.test(key)) problems.push({ path: [key], received: key, allowed: 'a Kafka property name such as min.insync.replicas' });
  }
  const pairs: [string, string | undefined][] = [
    ['default.replication.factor', 'min.insync.replicas'],
    ['transaction.state.log.replication.factor', 'transaction.state.log.min.isr'],
    ['offsets.topic.replication.factor', undefined],
  ];
  for (const [rfKey, isrKey] of pairs) {
    const rf = intProperty(properties, rfKey);
    if (rf === undefined || rf < 1 || rf > brokerCount) {
      problems.push({ path: [rfKey], received: properties[rfKey], allowed: `a whole number from 1 to the broker count (${brokerCount})` });
      continue;
    }
    if (!isrKey) continue;
    const isr = intProperty(properties, isrKey);
    if (isr === undefined || isr < 1 || isr >= rf) {
      const allowed =
        rf > 1
          ? `a whole number from 1 to ${rf - 1} (below ${rfKey} ${rf}, so one replica can be down without blocking writes)`
          : `none: ${rfKey} is 1, so no replica can fail; raise ${rfKey} to 2 or more`;
      problems.push({ path: [isrKey], received: properties[isrKey], allowed });
    }
  }
  if (boolProperty(properties, 'auto.create.topics.enable') !== false) {
    problems.push({
      path: ['auto.create.topics.enable'],
      received: properties['auto.create.topics.enable'],
      allowed: 'false (topics are declared as code; a typo in a producer must not create a topic)',
    });
  }
  if (boolProperty(properties, 'unclean.leader.election.enable') !== false) {
    problems.push({
      path: ['unclean.leader.election.enable'],
      received: properties['unclean.leader.election.enable'],
      allowed: 'false (an out-of-sync leader silently drops acknowledged writes)',
    });
  }
  return problems;
}
