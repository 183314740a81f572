#!/usr/bin/env node
/**
 * The topic lock CLI (see lib/streaming/topic-lock.ts):
 *   npm run topics -- check   exit 1 if a default environment's topics differ from lib/config/topics.lock.json
 *   npm run topics -- lock    record the default environments' topics in the lock (after an intended change)
 * Loading the environments already refuses a rename or replication-factor change of a
 * locked topic id unless the topic sets `allowReplacement: true`.
 */
import * as fs from 'node:fs';
import { ConfigError } from '../lib/config/errors';
import { loadDefaultEnvironments } from '../lib/config/load';
import { EnvironmentConfig } from '../lib/config/schema';
import { toTopicSpec } from '../lib/config/streaming';
import { readTopicLock, renderTopicLock, TOPIC_LOCK_FILE, updateTopicLock } from '../lib/streaming/topic-lock';

const USAGE = 'usage: npm run topics -- check | lock';

/** Each environment's topics as the lock records them. */
export function lockedTopicsOf(envs: readonly EnvironmentConfig[]): Record<string, { id: string; name: string; replicationFactor: number }[]> {
  return Object.fromEntries(
    envs.map((e) => [e.name, (e.streaming?.topics ?? []).map((t) => ({ id: t.id, name: t.name, replicationFactor: toTopicSpec(t, e.streaming!.cluster).replicationFactor }))]),
  );
}

export function runTopicsCommand(argv: readonly string[], io: { out(s: string): void; err(s: string): void }, file = TOPIC_LOCK_FILE): number {
  const [command] = argv;
  if (argv.length !== 1 || (command !== 'check' && command !== 'lock')) {
    io.err(USAGE);
    return 2;
  }
  try {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const next = renderTopicLock(updateTopicLock(readTopicLock(file), lockedTopicsOf(loadDefaultEnvironments())));
    if (command === 'check') {
      if (current === next) {
        io.out(`${file}: up to date`);
        return 0;
      }
      io.err(`${file} is out of date with the default environments' topics; run: npm run topics -- lock`);
      return 1;
    }
    fs.writeFileSync(file, next);
    io.out(current === next ? `${file}: unchanged` : `${file}: updated`);
    return 0;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.err(e.message);
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = runTopicsCommand(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
  });
}
