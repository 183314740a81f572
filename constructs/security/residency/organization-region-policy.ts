import { attachCustomSynthesis } from 'aws-cdk-lib';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Construct } from 'constructs';
import { globalServiceActions } from './global-services';
import { OrganizationRegionPolicyProps } from './organization-region-policy-props';

/** AWS Organizations' size limit for a service control policy document (characters). */
export const SCP_MAX_CHARACTERS = 5120;

const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const FILE_NAME = /^[\w.-]+\.json$/;

/** A policy statement as Organizations reads it. */
export interface ScpStatement {
  readonly Sid: string;
  readonly Effect: 'Deny';
  readonly Action?: string | string[];
  readonly NotAction?: string[];
  readonly Resource: '*';
  readonly Condition: Record<string, Record<string, unknown>>;
}

/** A service control policy document. */
export interface ScpDocument {
  readonly Version: '2012-10-17';
  readonly Statement: ScpStatement[];
}

/**
 * The runtime half of residency: a service control policy for the organization
 * administrator to attach to the environment's account (or OU). It denies every
 * request outside the zone's regions, except the global services the platform needs
 * (`GLOBAL_SERVICE_EXCEPTIONS`), and multi-Region keys or key replicas outside the zone.
 *
 * SCPs are managed in the organization's management account, not in the workload
 * account, so the policy is not deployed by the platform's stacks: it is emitted as
 * an artifact (`<assembly dir>/residency-scp.json`) at synth. The document holds no
 * partition- or account-specific value.
 */
export class OrganizationRegionPolicy extends Construct {
  /** The policy document. */
  public readonly document: ScpDocument;
  /** File name of the artifact in the stage's assembly directory. */
  public readonly fileName: string;

  constructor(scope: Construct, id: string, props: OrganizationRegionPolicyProps) {
    super(scope, id);
    this.fileName = props.fileName ?? 'residency-scp.json';
    const problems: string[] = [];
    if (props.allowedRegions.length === 0) problems.push('allowedRegions: received none; allowed: at least one region');
    props.allowedRegions.forEach((r, i) => {
      if (!AWS_REGION.test(r)) problems.push(`allowedRegions[${i}]: received '${r}'; allowed: a region name such as eu-west-1`);
    });
    if (!FILE_NAME.test(this.fileName)) problems.push(`fileName: received '${this.fileName}'; allowed: a file name (letters, digits, '.', '_', '-') ending in .json`);
    (props.exemptPrincipalArns ?? []).forEach((arn, i) => {
      if (!arn.startsWith('arn:')) problems.push(`exemptPrincipalArns[${i}]: received '${arn}'; allowed: an IAM principal ARN pattern`);
    });

    const regions = [...props.allowedRegions];
    const exempt = props.exemptPrincipalArns ?? [];
    const unlessExempt: Record<string, Record<string, unknown>> = exempt.length > 0 ? { ArnNotLike: { 'aws:PrincipalARN': [...exempt] } } : {};
    this.document = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: `DenyOutsideResidencyZone${props.zoneName.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`,
          Effect: 'Deny',
          NotAction: globalServiceActions(),
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': regions }, ...unlessExempt },
        },
        {
          Sid: 'DenyMultiRegionKeys',
          Effect: 'Deny',
          Action: 'kms:CreateKey',
          Resource: '*',
          Condition: { Bool: { 'kms:MultiRegion': 'true' }, ...unlessExempt },
        },
        {
          Sid: 'DenyKeyReplicasOutsideZone',
          Effect: 'Deny',
          Action: 'kms:ReplicateKey',
          Resource: '*',
          Condition: { StringNotEquals: { 'kms:ReplicaRegion': regions }, ...unlessExempt },
        },
      ],
    };
    const size = JSON.stringify(this.document).length;
    if (size > SCP_MAX_CHARACTERS) {
      problems.push(`the policy has ${size} characters; allowed: at most ${SCP_MAX_CHARACTERS} (AWS Organizations limit); exempt fewer principals`);
    }
    if (problems.length > 0) throw new Error(`Invalid OrganizationRegionPolicy '${this.node.path}':\n  - ${problems.join('\n  - ')}`);

    attachCustomSynthesis(this, {
      onSynthesize: (session) => {
        fs.writeFileSync(path.join(session.outdir, this.fileName), `${JSON.stringify(this.document, undefined, 2)}\n`);
      },
    });
  }

  /** The policy as Organizations accepts it (minified JSON). */
  public toJson(): string {
    return JSON.stringify(this.document);
  }
}
