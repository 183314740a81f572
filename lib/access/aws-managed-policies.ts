/**
 * The few AWS managed policies whose documents are short, stable and decisive for an
 * access review, so that a role attaching them is evaluated rather than skipped.
 * Others (ReadOnlyAccess, service roles with long action lists) are reported as not
 * evaluated: their documents change with AWS releases and cannot be read offline.
 */
import { PolicyDocument } from './policy';

/** Documents by policy name (the part after `:policy/` of the ARN, path included). */
export const KNOWN_AWS_MANAGED_POLICIES: Readonly<Record<string, PolicyDocument>> = {
  AdministratorAccess: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  },
  'service-role/AWSLambdaBasicExecutionRole': {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
  },
};

/** The document of an AWS managed policy ARN (`arn:<partition>:iam::aws:policy/<name>`) when it is known. */
export function knownAwsManagedPolicy(arn: string): { name: string; document: PolicyDocument } | undefined {
  const match = /^arn:[a-z-]+:iam::aws:policy\/(.+)$/.exec(arn);
  if (!match) return undefined;
  const document = KNOWN_AWS_MANAGED_POLICIES[match[1]];
  return document ? { name: match[1], document } : undefined;
}
