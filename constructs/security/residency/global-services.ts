/**
 * Actions exempt from a region deny (`aws:RequestedRegion`): services whose
 * control plane is global or lives in one fixed region (mostly us-east-1) whatever
 * region the caller works in. Denying them outside the zone would break sign-in,
 * role assumption and account administration without keeping any data in or out
 * of the zone: none of them stores the platform's data.
 *
 * Left out on purpose, although AWS's example region-deny policy exempts them:
 * `kms:*` (keys are regional and encrypt the data: a key in another region is
 * exactly what residency forbids), `acm:*` and `config:*` (regional for this
 * platform, which runs no CloudFront distribution).
 */
export interface GlobalServiceException {
  /** The IAM action pattern exempted. */
  readonly action: string;
  /** Why the action cannot be region-restricted. */
  readonly reason: string;
}

export const GLOBAL_SERVICE_EXCEPTIONS: readonly GlobalServiceException[] = [
  { action: 'iam:*', reason: 'IAM is a global service (endpoint in us-east-1).' },
  { action: 'sts:*', reason: 'The global STS endpoint resolves to us-east-1; role assumption must keep working.' },
  { action: 'organizations:*', reason: 'AWS Organizations is global (endpoint in us-east-1).' },
  { action: 'account:*', reason: 'Account settings (alternate contacts, regions opt-in) are global.' },
  { action: 'support:*', reason: 'AWS Support is served from us-east-1.' },
  { action: 'trustedadvisor:*', reason: 'Trusted Advisor is served from us-east-1.' },
  { action: 'health:*', reason: 'The AWS Health API is served from us-east-1.' },
  { action: 'cloudfront:*', reason: 'CloudFront is global (control plane in us-east-1).' },
  { action: 'route53:*', reason: 'Route 53 is global (control plane in us-east-1).' },
  { action: 'route53domains:*', reason: 'Route 53 Domains is served from us-east-1.' },
  { action: 'globalaccelerator:*', reason: 'Global Accelerator is global (control plane in us-west-2).' },
  { action: 'waf:*', reason: 'WAF Classic for CloudFront is global.' },
  { action: 'shield:*', reason: 'Shield Advanced is global (us-east-1).' },
  { action: 'budgets:*', reason: 'Budgets is global (us-east-1).' },
  { action: 'ce:*', reason: 'Cost Explorer is served from us-east-1.' },
  { action: 'cur:*', reason: 'Cost and Usage Reports are served from us-east-1.' },
  { action: 'pricing:*', reason: 'The Price List API is served from us-east-1.' },
  { action: 'aws-portal:*', reason: 'Billing console permissions are global.' },
  { action: 's3:ListAllMyBuckets', reason: 'ListBuckets is answered by the us-east-1 endpoint for every region.' },
  { action: 's3:GetAccountPublicAccessBlock', reason: 'The account-level S3 public access block is global.' },
  { action: 's3:PutAccountPublicAccessBlock', reason: 'The account-level S3 public access block is global.' },
];

/** The exempted action patterns, for a `NotAction` element. */
export function globalServiceActions(): string[] {
  return GLOBAL_SERVICE_EXCEPTIONS.map((e) => e.action);
}
