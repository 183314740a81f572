import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback KMS for tests: speaks the KMS JSON 1.1 protocol (POST /, X-Amz-Target:
 * TrentService.<Operation>, application/x-amz-json-1.1 bodies, `__type` error shapes)
 * on 127.0.0.1 and a random port, so the real SDK client is exercised over real HTTP.
 */

export type FakeOperation = 'DescribeKey' | 'GetKeyRotationStatus' | 'GetKeyPolicy';

/** How the fake answers for one key. */
export interface FakeKey {
  /** DescribeKey's KeyMetadata, as JSON (dates as epoch seconds). */
  readonly metadata: Record<string, unknown>;
  /** GetKeyRotationStatus: on, off, or UnsupportedOperationException. */
  readonly rotation: boolean | 'unsupported';
  /** GetKeyPolicy's policy document. */
  readonly policy: object;
  /** Operations answered with AccessDeniedException. */
  readonly deny?: readonly FakeOperation[];
  /** Per operation: how many requests get ThrottlingException before a real answer (`Infinity`: always). */
  readonly throttle?: Partial<Record<FakeOperation, number>>;
}

/** What the fake saw of one request. */
export interface SeenRequest {
  readonly operation: string;
  readonly keyId: unknown;
  readonly contentType: string | undefined;
  readonly authorization: string | undefined;
}

const ACCOUNT = '111122223333';

/** The default key policy KMS writes: the owner account root may do everything (IAM decides). */
export const OWNER_ROOT_POLICY = {
  Version: '2012-10-17',
  Id: 'key-default-1',
  Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
};

/** A key that passes every check: enabled, symmetric, single-Region, rotation on, owner-only policy. */
export function goodKey(arn: string, overrides: Partial<FakeKey> & { metadata?: Record<string, unknown> } = {}): FakeKey {
  const [, , , region, account, resource] = arn.split(':');
  return {
    rotation: true,
    policy: OWNER_ROOT_POLICY,
    ...overrides,
    metadata: {
      AWSAccountId: account,
      KeyId: resource.replace(/^key\//, ''),
      Arn: arn,
      CreationDate: 1_700_000_000,
      Enabled: true,
      Description: `fake key in ${region}`,
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
      ...overrides.metadata,
    },
  };
}

export class FakeKms {
  /** Every request received, in order. */
  public readonly requests: SeenRequest[] = [];
  private readonly server: http.Server;
  private readonly answered = new Map<string, number>();

  constructor(private readonly keys: Map<string, FakeKey>) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.answer(req, Buffer.concat(chunks).toString('utf8'), res));
    });
  }

  /** Starts listening on 127.0.0.1 and a free port; returns the endpoint URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  /** Requests for one operation on one key. */
  count(operation: FakeOperation, keyId: string): number {
    return this.requests.filter((r) => r.operation === operation && r.keyId === keyId).length;
  }

  private answer(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.replace(/^TrentService\./, '');
    let input: { KeyId?: unknown; PolicyName?: unknown } = {};
    try {
      input = JSON.parse(body || '{}') as typeof input;
    } catch {
      return this.send(res, 400, { __type: 'SerializationException', message: 'body is not JSON' });
    }
    this.requests.push({ operation, keyId: input.KeyId, contentType: req.headers['content-type'], authorization: req.headers.authorization });
    if (req.method !== 'POST' || req.url !== '/' || !target.startsWith('TrentService.')) {
      return this.send(res, 400, { __type: 'UnknownOperationException', message: `unexpected ${req.method} ${req.url} ${target}` });
    }
    if (!/^AWS4-HMAC-SHA256 Credential=\S+\/\d{8}\/[a-z0-9-]+\/kms\/aws4_request/.test(req.headers.authorization ?? '')) {
      return this.send(res, 400, { __type: 'MissingAuthenticationTokenException', message: 'request is not signed with SigV4 for kms' });
    }
    const keyId = String(input.KeyId);
    const key = this.keys.get(keyId);
    if (!key) return this.send(res, 400, { __type: 'NotFoundException', message: `Key '${keyId}' does not exist` });

    const seen = `${operation} ${keyId}`;
    const answeredSoFar = this.answered.get(seen) ?? 0;
    this.answered.set(seen, answeredSoFar + 1);
    if (answeredSoFar < (key.throttle?.[operation as FakeOperation] ?? 0)) {
      return this.send(res, 400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
    }
    if (key.deny?.includes(operation as FakeOperation)) {
      return this.send(res, 400, {
        __type: 'AccessDeniedException',
        message: `User: arn:aws:iam::${ACCOUNT}:user/preflight is not authorized to perform: kms:${operation} on resource: ${keyId} because no identity-based policy allows the kms:${operation} action`,
      });
    }
    switch (operation) {
      case 'DescribeKey':
        return this.send(res, 200, { KeyMetadata: key.metadata });
      case 'GetKeyRotationStatus':
        if (key.rotation === 'unsupported') {
          return this.send(res, 400, { __type: 'UnsupportedOperationException', message: `${keyId} key type does not support automatic key rotation` });
        }
        return this.send(res, 200, key.rotation ? { KeyRotationEnabled: true, KeyId: keyId, RotationPeriodInDays: 365 } : { KeyRotationEnabled: false, KeyId: keyId });
      case 'GetKeyPolicy':
        if (input.PolicyName !== 'default') return this.send(res, 400, { __type: 'NotFoundException', message: `policy ${String(input.PolicyName)} not found` });
        return this.send(res, 200, { Policy: JSON.stringify(key.policy), PolicyName: 'default' });
      default:
        return this.send(res, 400, { __type: 'UnknownOperationException', message: `the fake does not implement ${operation}` });
    }
  }

  private send(res: http.ServerResponse, status: number, body: object): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': `req-${this.requests.length}` });
    res.end(text);
  }
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
