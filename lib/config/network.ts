import { z } from 'zod';

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** The environment's VPC: private subnets only, VPC endpoints, flow logs. */
export const NetworkSchema = z
  .strictObject({
    cidr: z
      .string()
      .default('10.0.0.0/16')
      .describe('Address range of the VPC: a private (RFC 1918) IPv4 range from /16 to /22.'),
    subnetCidrMask: z.number().int().min(16).max(28).default(20).describe('Prefix length of each private subnet (one per availability zone).'),
    flowLogRetentionDays: z.number().int().default(365).describe('Days VPC flow logs are kept (a CloudWatch Logs retention period).'),
  })
  .default({ cidr: '10.0.0.0/16', subnetCidrMask: 20, flowLogRetentionDays: 365 });

export type NetworkConfig = z.output<typeof NetworkSchema>;

/** Why a CIDR is not acceptable, or undefined when it is. */
export function cidrProblem(cidr: string): string | undefined {
  const m = CIDR.exec(cidr);
  if (!m) return 'allowed: an IPv4 CIDR such as 10.40.0.0/16';
  const [a, b, c, d, prefix] = m.slice(1).map(Number);
  if ([a, b, c, d].some((o) => o > 255)) return 'allowed: octets from 0 to 255';
  if (prefix < 16 || prefix > 22) return 'allowed: a prefix from /16 to /22 (VPC limits, room for a subnet per zone)';
  const rfc1918 = a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  if (!rfc1918) return 'allowed: a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)';
  return undefined;
}

/** Cross-field rules of the network section. */
export function checkNetwork(
  env: { network?: { cidr?: unknown; subnetCidrMask?: unknown; flowLogRetentionDays?: unknown }; availabilityZones?: unknown },
  ctx: z.RefinementCtx,
  logRetentionDays: readonly number[],
): void {
  const network = env.network;
  if (!network) return;
  const cidr = network.cidr;
  if (typeof cidr === 'string') {
    const problem = cidrProblem(cidr);
    if (problem) ctx.addIssue({ code: 'custom', path: ['network', 'cidr'], input: cidr, message: problem });
    const prefix = Number(cidr.split('/')[1]);
    const mask = network.subnetCidrMask;
    const zones = Array.isArray(env.availabilityZones) ? env.availabilityZones.length : 0;
    if (!problem && typeof mask === 'number' && zones > 0) {
      const subnets = 2 ** (mask - prefix);
      if (mask <= prefix || subnets < zones) {
        ctx.addIssue({
          code: 'custom',
          path: ['network', 'subnetCidrMask'],
          input: mask,
          message: `a ${cidr} VPC holds ${mask <= prefix ? 0 : subnets} /${mask} subnets, fewer than the ${zones} availability zones; allowed: /${prefix + Math.ceil(Math.log2(zones))} or longer`,
        });
      }
    }
  }
  const days = network.flowLogRetentionDays;
  if (typeof days === 'number' && !logRetentionDays.includes(days)) {
    ctx.addIssue({
      code: 'custom',
      path: ['network', 'flowLogRetentionDays'],
      input: days,
      message: `not a CloudWatch Logs retention period; allowed: ${logRetentionDays.join(', ')}`,
    });
  }
}
