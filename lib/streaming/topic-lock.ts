import * as fs from 'node:fs';
import * as path from 'node:path';
import { StreamingProblem } from '../../constructs/streaming/problems';

/**
 * The topic lock: what each deployed topic id was last released as (name and
 * replication factor), per environment, committed in `lib/config/topics.lock.json`.
 *
 * Both fields replace an AWS::MSK::Topic when they change, and a replaced topic
 * leaves its data behind (or, for a replication-factor change under the same name,
 * fails half-way). The lock is how a synth knows the previous state offline, without
 * credentials or the previous cdk.out: the configuration check refuses a change of
 * either field for a locked id unless the topic says `allowReplacement: true`, and
 * `npm run topics -- lock` records the new state once the change is intended.
 */
export interface LockedTopic {
  readonly name: string;
  readonly replicationFactor: number;
}

export interface TopicLock {
  /** Per environment name, per topic id. */
  readonly environments: Readonly<Record<string, Readonly<Record<string, LockedTopic>>>>;
}

/** Where the lock lives. */
export const TOPIC_LOCK_FILE = path.join(__dirname, '..', 'config', 'topics.lock.json');

/** Reads the committed lock; a missing file is an empty lock (nothing deployed yet). */
export function readTopicLock(file: string = TOPIC_LOCK_FILE): TopicLock {
  if (!fs.existsSync(file)) return { environments: {} };
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<TopicLock>;
  return { environments: data.environments ?? {} };
}

/** What the check reads of a configured topic. */
export interface LockableTopic {
  readonly id: string;
  readonly name: string;
  readonly replicationFactor?: number;
  readonly allowReplacement?: boolean;
}

const DEFAULT_RF = 3;

/**
 * Changes of name or replication factor of locked topic ids in `envName`, except on
 * topics that allow replacement. Paths are `[index, field]` in the topic list.
 */
export function checkTopicLock(envName: string, topics: readonly LockableTopic[], lock: TopicLock): StreamingProblem[] {
  const locked = lock.environments[envName] ?? {};
  const problems: StreamingProblem[] = [];
  topics.forEach((t, i) => {
    const before = locked[t.id];
    if (!before || t.allowReplacement) return;
    const how = `or set allowReplacement: true on topic '${t.id}' and run 'npm run topics -- lock' (the old topic is retained with its data)`;
    if (before.name !== t.name) {
      problems.push({
        path: [i, 'name'],
        received: t.name,
        allowed: `'${before.name}' (topic id '${t.id}' is deployed under that name in ${envName}; a rename replaces the topic), ${how}`,
      });
    }
    const rf = t.replicationFactor ?? DEFAULT_RF;
    if (before.replicationFactor !== rf) {
      problems.push({
        path: [i, 'replicationFactor'],
        received: rf,
        allowed: `${before.replicationFactor} (topic id '${t.id}' is deployed with it in ${envName}; a change replaces the topic — reassign partitions with Kafka tools instead), ${how}`,
      });
    }
  });
  return problems;
}

/**
 * The lock updated with the given environments' topics (ids not configured any more
 * stay locked, so an id is never reused for another topic).
 */
export function updateTopicLock(lock: TopicLock, environments: Readonly<Record<string, readonly { id: string; name: string; replicationFactor: number }[]>>): TopicLock {
  const next: Record<string, Record<string, LockedTopic>> = {};
  for (const [env, topics] of Object.entries(lock.environments)) next[env] = { ...topics };
  for (const [env, topics] of Object.entries(environments)) {
    next[env] = { ...(next[env] ?? {}) };
    for (const t of topics) next[env][t.id] = { name: t.name, replicationFactor: t.replicationFactor };
  }
  const sorted = Object.fromEntries(
    Object.keys(next)
      .sort()
      .map((env) => [env, Object.fromEntries(Object.keys(next[env]).sort().map((id) => [id, next[env][id]]))]),
  );
  return { environments: sorted };
}

/** The lock as committed (stable JSON with a trailing newline). */
export function renderTopicLock(lock: TopicLock): string {
  return `${JSON.stringify({ $comment: 'Deployed topic names and replication factors per environment and topic id. Update with: npm run topics -- lock', ...lock }, null, 2)}\n`;
}
