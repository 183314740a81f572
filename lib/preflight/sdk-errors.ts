import type { KmsOperation } from './types';
import { KMS_OPERATIONS } from './types';

/** The permissions the preflight needs on each key, for messages. */
export const REQUIRED_PERMISSIONS = KMS_OPERATIONS.map((op) => `kms:${op}`).join(', ');

/** How a failed KMS call is reported. */
export interface ClassifiedError {
  /**
   * - `not-found`: the key does not exist (a check failure, not an error)
   * - `unsupported`: the operation does not apply to this key (e.g. rotation of an asymmetric key)
   * - `fatal`: no call can succeed (no credentials, no network, credentials rejected): stop the run
   * - `error`: this call failed (access denied, throttled, anything else)
   */
  readonly kind: 'not-found' | 'unsupported' | 'fatal' | 'error';
  /** One line, no stack trace. */
  readonly reason: string;
}

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'EPIPE']);
const REJECTED_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'IncompleteSignature',
]);

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  errors?: unknown[];
  $metadata?: { attempts?: number; httpStatusCode?: number };
}

/**
 * The Node network error code of an error: its `code`, the code of an inner error of an
 * AggregateError (happy-eyeballs connects), or a code named in the message (the SDK wraps
 * errors it does not recognise as `Error`s, keeping only their text).
 */
function networkCode(e: ErrorLike): string | undefined {
  if (e.code && NETWORK_CODES.has(e.code)) return e.code;
  for (const inner of e.errors ?? []) {
    const code = (inner as ErrorLike | undefined)?.code;
    if (code && NETWORK_CODES.has(code)) return code;
  }
  return [...(e.message ?? '').matchAll(/\b(E[A-Z_]+)\b/g)].map((m) => m[1]).find((c) => NETWORK_CODES.has(c));
}

const oneLine = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * Turns an error thrown by a KMS client call into a one-line reason.
 * `endpointHost` names the endpoint in network messages; `profile` the profile asked for.
 */
export function classifyKmsError(error: unknown, operation: KmsOperation, endpointHost: string, profile?: string): ClassifiedError {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const name = e.name ?? 'Error';
  const said = oneLine(e.message);
  const attempts = e.$metadata?.attempts;

  if (name === 'CredentialsProviderError' || /could not load credentials|could not resolve credentials/i.test(said)) {
    const hint = profile
      ? `profile '${profile}' gave none (${said}); check ~/.aws/config and ~/.aws/credentials, or run aws sso login --profile ${profile}`
      : 'set AWS_PROFILE (or pass --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an instance or container role is available';
    return { kind: 'fatal', reason: `no AWS credentials found: ${hint}; the preflight needs ${REQUIRED_PERMISSIONS} on each key` };
  }
  const code = networkCode(e);
  if (code || name === 'TimeoutError') {
    const what = code === undefined || code === 'ETIMEDOUT' ? 'timed out' : code;
    const detail = said.replace(/^@smithy\/\S+ - \[\w+\] /, '');
    const tries = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
    return {
      kind: 'fatal',
      reason: `cannot reach KMS endpoint ${endpointHost}: ${what}${detail && !(code && detail.includes(code)) ? ` (${detail})` : ''}${tries}; check the network, proxy or --endpoint-url`,
    };
  }
  if (REJECTED_CREDENTIALS.has(name)) {
    return { kind: 'fatal', reason: `KMS rejected the credentials (${name}: ${said}); refresh them or pick another profile` };
  }
  if (name === 'NotFoundException') return { kind: 'not-found', reason: `key not found (${said || 'NotFoundException'})` };
  if (name === 'AccessDeniedException') {
    return {
      kind: 'error',
      reason: `access denied: the caller lacks kms:${operation} on this key; grant it in the key policy or an IAM policy (KMS said: ${said})`,
    };
  }
  if (name === 'ThrottlingException' || name === 'LimitExceededException') {
    return {
      kind: 'error',
      reason: `throttled by KMS${attempts ? ` on all ${attempts} attempts` : ''} (${name}); retries with backoff exhausted, run again later or raise the KMS request quota`,
    };
  }
  if (name === 'UnsupportedOperationException') return { kind: 'unsupported', reason: said || name };
  return { kind: 'error', reason: `kms:${operation} failed: ${name}${said ? `: ${said}` : ''}` };
}
