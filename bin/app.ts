#!/usr/bin/env node
/**
 * The CDK entry point. `npx cdk synth` synthesizes every default environment;
 * `-c environment=<name>` one of them; `-c environmentFile=<path.json>` one from a file.
 * Configuration mistakes print every problem and exit 1 before any construct is built.
 */
import { App } from 'aws-cdk-lib';
import { ConfigError } from '../lib/config/errors';
import { resolveEnvironments } from '../lib/config/load';
import { buildPlatform } from '../lib/app';

const app = new App();
let environments;
try {
  environments = resolveEnvironments({
    environment: app.node.tryGetContext('environment'),
    environmentFile: app.node.tryGetContext('environmentFile'),
  });
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
buildPlatform(app, environments);
