import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { refersTo, resolve, resourcesInStack } from '../private/stack';
import { asList, field, isRecord } from '../private/values';
import { compliantIf, PlatformRule } from '../rule';

/** The lowest TLS version a bucket may accept. */
const MINIMUM_TLS = 1.2;

/** A Deny of every S3 action (`s3:*` or `*`) to every principal (`*` or `{ AWS: '*' }`). */
function deniesAllToEveryone(statement: unknown): boolean {
  const actions = asList(field(statement, 'Action'));
  const principal = field(statement, 'Principal');
  return (
    field(statement, 'Effect') === 'Deny' &&
    actions.some((a) => typeof a === 'string' && (a === '*' || a.toLowerCase() === 's3:*')) &&
    (principal === '*' || asList(field(principal, 'AWS')).includes('*'))
  );
}

/**
 * The values of the statement's condition when it has exactly one operator with
 * exactly one key, matching `operator` and `key` (condition keys ignore case);
 * otherwise `[]`. A condition with more keys narrows the Deny, so it does not count.
 */
function soleCondition(statement: unknown, operator: string, key: string): unknown[] {
  const condition = field(statement, 'Condition');
  if (!isRecord(condition) || Object.keys(condition).length !== 1) return [];
  const block = condition[operator];
  if (!isRecord(block) || Object.keys(block).length !== 1) return [];
  const [name, values] = Object.entries(block)[0];
  return name.toLowerCase() === key.toLowerCase() ? asList(values) : [];
}

/** Denies requests made without TLS: `Bool { aws:SecureTransport: false }`. */
function deniesInsecureTransport(statement: unknown): boolean {
  return soleCondition(statement, 'Bool', 'aws:SecureTransport').some((v) => v === false || v === 'false');
}

/** Denies TLS below 1.2 at least: `NumericLessThan { s3:TlsVersion: v }` with v >= 1.2. */
function deniesOldTls(statement: unknown): boolean {
  return soleCondition(statement, 'NumericLessThan', 's3:TlsVersion').some((v) => Number(v) >= MINIMUM_TLS);
}

/**
 * An S3 bucket's policies (the AWS::S3::BucketPolicy resources of its stack whose
 * `Bucket` is a `Ref` to it, or its literal name) deny, for every principal and
 * every S3 action, requests without TLS and requests with TLS below 1.2 (a higher
 * minimum such as 1.3 also passes). The statements' `Resource` is not checked. Other
 * resources: not applicable.
 */
export const S3_TLS_REQUIRED: PlatformRule = {
  id: 'S3TlsRequired',
  info: "The S3 bucket's policy does not deny requests without TLS (aws:SecureTransport false) and requests below TLS 1.2 (s3:TlsVersion).",
  explanation:
    'Data in transit must be encrypted with a current protocol. Only a bucket policy Deny binds every client, including ' +
    'those with valid credentials; TLS 1.0 and 1.1 are deprecated and must be refused.',
  level: NagMessageLevel.ERROR,
  controls: ['Curriculum 7 (Security & privacy): encrypt data in transit with TLS 1.2 or higher (1.3 where supported)'],
  check: (node) => {
    if (!(node instanceof s3.CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const bucketName = resolve(node, node.bucketName);
    const denies = resourcesInStack(node)
      .filter((r): r is s3.CfnBucketPolicy => r instanceof s3.CfnBucketPolicy && refersTo(node, r.bucket, bucketName))
      .flatMap((policy) => asList(field(resolve(policy, policy.policyDocument), 'Statement')))
      .filter(deniesAllToEveryone);
    return compliantIf(denies.some(deniesInsecureTransport) && denies.some(deniesOldTls));
  },
};
