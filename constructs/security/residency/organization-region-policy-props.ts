export interface OrganizationRegionPolicyProps {
  /** Name of the residency zone, in the policy's description. */
  readonly zoneName: string;
  /** The zone's regions. */
  readonly allowedRegions: readonly string[];
  /**
   * Principals exempt from the region deny (ARN patterns), e.g. the organization's
   * own administration role. Keep it short: every entry is a way out of the zone.
   * @default - nobody
   */
  readonly exemptPrincipalArns?: readonly string[];
  /**
   * File name of the artifact, written into the cloud assembly directory of the
   * stage (`cdk.out/assembly-<stage>/<fileName>`).
   * @default 'residency-scp.json'
   */
  readonly fileName?: string;
}
