import { KMSClient, KMSClientConfig } from '@aws-sdk/client-kms';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';

/** How the preflight builds its KMS clients (one per region). */
export interface KmsClientOptions {
  /**
   * Endpoint to call instead of the regional KMS endpoint (a VPC endpoint, a test server).
   * @default the public KMS endpoint of the key's region
   */
  readonly endpointUrl?: string;
  /**
   * Named profile of the shared config and credentials files.
   * @default the SDK's default provider chain (AWS_PROFILE, environment variables, SSO, instance or container role)
   */
  readonly profile?: string;
  /**
   * Explicit credentials (tests); overrides `profile` and the provider chain.
   * @default the provider chain
   */
  readonly credentials?: KMSClientConfig['credentials'];
  /**
   * Attempts per call, first one included; throttling, 5xx and network errors are retried.
   * @default 4
   */
  readonly maxAttempts?: number;
  /**
   * Delay before retry n (milliseconds), or a function of the retry number.
   * @default the SDK's standard retry strategy: exponential backoff with jitter, longer for throttling
   */
  readonly retryDelayMs?: number | ((attempt: number) => number);
  /**
   * Milliseconds to wait for a TCP connection before giving up on an attempt.
   * @default 5000
   */
  readonly connectionTimeoutMs?: number;
  /**
   * Milliseconds to wait for a response before giving up on an attempt.
   * @default 15000
   */
  readonly requestTimeoutMs?: number;
}

/** Default attempts per KMS call. */
export const DEFAULT_MAX_ATTEMPTS = 4;

/** A KMS client for `region`, configured from the options: the SDK's own retry strategy, bounded timeouts. */
export function createKmsClient(region: string, options: KmsClientOptions = {}): KMSClient {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  return new KMSClient({
    region,
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    ...(options.credentials ? { credentials: options.credentials } : options.profile ? { profile: options.profile } : {}),
    // The SDK's standard strategy decides what is retryable (throttling, 5xx, network errors);
    // only its backoff is replaced when a delay is given (tests keep it small).
    ...(options.retryDelayMs === undefined ? { maxAttempts } : { retryStrategy: new ConfiguredRetryStrategy(maxAttempts, options.retryDelayMs) }),
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 5000,
      requestTimeout: options.requestTimeoutMs ?? 15000,
      throwOnRequestTimeout: true, // without it the SDK only logs a warning and waits on
    },
  });
}

/** The host a client for `region` calls, for messages. */
export function kmsEndpointHost(region: string, endpointUrl?: string): string {
  if (endpointUrl) {
    try {
      return new URL(endpointUrl).host;
    } catch {
      return endpointUrl;
    }
  }
  return `kms.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}
