#!/usr/bin/env node
/**
 * The CDK entry point. `npx cdk synth` synthesizes every default environment;
 * `-c environment=<name>` one of them; `-c environmentFile=<path.json>` one from a file;
 * `-c packs=compliance` attaches all five packs (as the report does).
 * Configuration mistakes print every problem and exit 1 before any construct is built.
 */
import { App } from 'aws-cdk-lib';
import { ConfigError } from '../lib/config/errors';
import { resolveEnvironments } from '../lib/config/load';
import { buildPlatform, resolvePacks } from '../lib/app';

const app = new App();
let environments;
let packs;
try {
  environments = resolveEnvironments({
    environment: app.node.tryGetContext('environment'),
    environmentFile: app.node.tryGetContext('environmentFile'),
  });
  packs = resolvePacks(app.node.tryGetContext('packs'));
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
buildPlatform(app, environments, { packs });
