/**
 * Residency zones: the legal perimeter an environment's data must stay in.
 * A zone lists the AWS regions that satisfy it; every region an environment names
 * (its home region, imported keys, ...) must belong to its zone.
 */
export interface ResidencyZone {
  /** Short description shown in errors and the residency proof. */
  readonly description: string;
  /** Regulations the zone is drawn for. */
  readonly regulations: readonly string[];
  /** Regions inside the zone. */
  readonly regions: readonly string[];
}

export const RESIDENCY_ZONES = {
  eu: {
    description: 'European Union (GDPR): EU member-state regions only',
    regulations: ['GDPR'],
    // London (eu-west-2) and Zurich (eu-central-2) are outside the EU and left out on purpose.
    regions: ['eu-west-1', 'eu-west-3', 'eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-south-2'],
  },
  us: {
    description: 'United States (CCPA and state privacy laws): US commercial regions',
    regulations: ['CCPA'],
    regions: ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'],
  },
} as const satisfies Record<string, ResidencyZone>;

export type ResidencyZoneName = keyof typeof RESIDENCY_ZONES;

export const RESIDENCY_ZONE_NAMES = Object.keys(RESIDENCY_ZONES) as [ResidencyZoneName, ...ResidencyZoneName[]];

/** True if `region` lies inside the named zone. */
export function regionInZone(region: string, zone: ResidencyZoneName): boolean {
  return (RESIDENCY_ZONES[zone].regions as readonly string[]).includes(region);
}
