import { classifyKmsError } from '../../../lib/preflight/sdk-errors';
import { kmsEndpointHost } from '../../../lib/preflight/client';

/** An error shaped like the SDK's: a name, a message, optional code and metadata. */
const sdkError = (name: string, message: string, extra: object = {}) => Object.assign(new Error(message), { name, ...extra });

describe('classifyKmsError', () => {
  test.each<[string, unknown, string]>([
    ['a DNS failure', Object.assign(new Error('getaddrinfo ENOTFOUND kms.eu-west-1.amazonaws.com'), { code: 'ENOTFOUND', $metadata: { attempts: 4 } }), 'cannot reach KMS endpoint kms.eu-west-1.amazonaws.com: ENOTFOUND after 4 attempts; check the network, proxy or --endpoint-url'],
    ['a happy-eyeballs AggregateError', Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:443'), { code: 'ECONNREFUSED' })], ''), { $metadata: { attempts: 1 } }), 'cannot reach KMS endpoint kms.eu-west-1.amazonaws.com: ECONNREFUSED; check the network, proxy or --endpoint-url'],
    ['a connection timeout', sdkError('TimeoutError', 'Socket timed out without establishing a connection within 5000 ms'), 'cannot reach KMS endpoint kms.eu-west-1.amazonaws.com: timed out (Socket timed out without establishing a connection within 5000 ms); check the network, proxy or --endpoint-url'],
  ])('%s is fatal and names the endpoint', (_name, error, reason) => {
    expect(classifyKmsError(error, 'DescribeKey', 'kms.eu-west-1.amazonaws.com')).toEqual({ kind: 'fatal', reason });
  });

  test('rejected credentials are fatal', () => {
    expect(classifyKmsError(sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.'), 'DescribeKey', 'h')).toEqual({
      kind: 'fatal',
      reason: 'KMS rejected the credentials (UnrecognizedClientException: The security token included in the request is invalid.); refresh them or pick another profile',
    });
  });

  test('an unexpected service error names the operation, the error and its message on one line', () => {
    expect(classifyKmsError(sdkError('KMSInternalException', 'internal\nerror'), 'GetKeyPolicy', 'h')).toEqual({ kind: 'error', reason: 'kms:GetKeyPolicy failed: KMSInternalException: internal error' });
  });

  test('a non-error value is still one line', () => {
    expect(classifyKmsError('boom', 'DescribeKey', 'h')).toEqual({ kind: 'error', reason: 'kms:DescribeKey failed: Error: boom' });
  });
});

test('endpoint hosts: the regional endpoint, China regions, or the --endpoint-url host', () => {
  expect(kmsEndpointHost('eu-west-1')).toBe('kms.eu-west-1.amazonaws.com');
  expect(kmsEndpointHost('cn-north-1')).toBe('kms.cn-north-1.amazonaws.com.cn');
  expect(kmsEndpointHost('eu-west-1', 'https://vpce-1.kms.eu-west-1.vpce.amazonaws.com:8443/')).toBe('vpce-1.kms.eu-west-1.vpce.amazonaws.com:8443');
});
