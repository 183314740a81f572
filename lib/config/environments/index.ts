import type { EnvironmentInput } from '../schema';
import { devEu } from './dev-eu';
import { prodEu } from './prod-eu';
import { prodUs } from './prod-us';

/** The default environments, synthesized by a plain `npx cdk synth`. Add a profile here to make it a default. */
export const DEFAULT_ENVIRONMENTS: readonly EnvironmentInput[] = [devEu, prodEu, prodUs];
