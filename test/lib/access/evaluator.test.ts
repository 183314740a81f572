import { AccessRequest, evaluate, PolicySet } from '../../../lib/access/evaluator';
import { PolicyDocument, PolicyStatement, SourcedPolicy } from '../../../lib/access/policy';

const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/Analyst`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/Analyst/alice`;
const BUCKET = 'arn:aws:s3:::lake-raw';
const OBJECT = `${BUCKET}/tenant-a/data.parquet`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd`;

function doc(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}
const identity = (name: string, ...s: PolicyStatement[]): SourcedPolicy => ({ source: { kind: 'identity', name }, document: doc(...s) });
const boundary = (...s: PolicyStatement[]): SourcedPolicy => ({ source: { kind: 'boundary', name: 'Boundary' }, document: doc(...s) });
const resourcePolicy = (name: string, ...s: PolicyStatement[]): SourcedPolicy => ({ source: { kind: 'resource', name }, document: doc(...s) });

function request(action: string, resource: string, extra: Partial<AccessRequest> = {}): AccessRequest {
  return { principal: { arn: ROLE, tags: { tenant: 'tenant-a' } }, action, resource, ...extra };
}
const allowAll: PolicyStatement = { Effect: 'Allow', Action: '*', Resource: '*' };
const readObjects: PolicyStatement = { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` };

describe('decision basics', () => {
  test('nothing allows: implicit deny with no deciding statement', () => {
    const r = evaluate(request('s3:GetObject', OBJECT), { identity: [] });
    expect(r.decision).toBe('implicit-deny');
    expect(r.allowed).toBe(false);
    expect(r.deciding).toEqual([]);
    expect(r.reason).toContain('no identity-based or resource-based policy allows s3:GetObject');
  });

  test('an identity allow grants and is the deciding statement', () => {
    const r = evaluate(request('s3:GetObject', OBJECT), { identity: [identity('ReadPolicy', readObjects)] });
    expect(r.decision).toBe('allowed');
    expect(r.deciding.map((d) => [d.source.name, d.sid])).toEqual([['ReadPolicy', 'Read']]);
  });

  test('explicit deny beats allow, wherever it is', () => {
    const deny: PolicyStatement = { Sid: 'NoRaw', Effect: 'Deny', Action: 's3:*', Resource: `${BUCKET}/*` };
    for (const policies of [
      { identity: [identity('P', allowAll, deny)] },
      { identity: [identity('P', allowAll)], boundary: [boundary(allowAll, deny)] },
      { identity: [identity('P', allowAll)], resource: [resourcePolicy('BucketPolicy', { ...deny, Principal: '*' })] },
      { identity: [identity('P', allowAll)], scp: [{ source: { kind: 'scp' as const, name: 'SCP' }, document: doc(allowAll, deny) }] },
    ]) {
      const r = evaluate(request('s3:GetObject', OBJECT), policies);
      expect(r.decision).toBe('explicit-deny');
      expect(r.deciding).toHaveLength(1);
      expect(r.deciding[0].sid).toBe('NoRaw');
    }
  });

  test('every matching deny is reported', () => {
    const r = evaluate(request('s3:GetObject', OBJECT), {
      identity: [identity('P', { Sid: 'D1', Effect: 'Deny', Action: 's3:Get*', Resource: '*' }, { Sid: 'D2', Effect: 'Deny', Action: '*', Resource: '*' })],
    });
    expect(r.deciding.map((d) => d.sid)).toEqual(['D1', 'D2']);
    expect(r.reason).toBe('explicitly denied by P [D1], P [D2]');
  });

  test('a statement without Sid is described by its index', () => {
    const r = evaluate(request('s3:GetObject', OBJECT), { identity: [identity('P', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })] });
    expect(r.reason).toContain('P #0');
  });

  test('a single statement object (not a list) is accepted', () => {
    const r = evaluate(request('s3:GetObject', OBJECT), {
      identity: [{ source: { kind: 'identity', name: 'P' }, document: { Version: '2012-10-17', Statement: readObjects } }],
    });
    expect(r.allowed).toBe(true);
  });

  test('fails if a statement has an invalid Effect, naming the policy and the value', () => {
    const bad = { Effect: 'Permit', Action: '*', Resource: '*' } as unknown as PolicyStatement;
    expect(() => evaluate(request('s3:GetObject', OBJECT), { identity: [identity('P', bad)] })).toThrow(
      'P statement 0: Effect must be Allow or Deny; received "Permit"',
    );
  });

  test('fails if the principal has neither arn nor service', () => {
    expect(() => evaluate({ principal: {}, action: 's3:GetObject', resource: OBJECT }, { identity: [] })).toThrow('needs an arn or a service');
  });
});

describe('actions and resources', () => {
  const allowed = (statement: PolicyStatement, action = 's3:GetObject', resource = OBJECT) =>
    evaluate(request(action, resource), { identity: [identity('P', statement)] }).allowed;

  test('action wildcards * and ? match, case-insensitively', () => {
    expect(allowed({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' })).toBe(true);
    expect(allowed({ Effect: 'Allow', Action: 'S3:GETOBJECT', Resource: '*' })).toBe(true);
    expect(allowed({ Effect: 'Allow', Action: 's3:GetObjec?', Resource: '*' })).toBe(true);
    expect(allowed({ Effect: 'Allow', Action: 's3:Put*', Resource: '*' })).toBe(false);
    expect(allowed({ Effect: 'Allow', Action: 's3:GetObject?', Resource: '*' })).toBe(false);
    expect(allowed({ Effect: 'Allow', Action: ['kms:*', 's3:List*'], Resource: '*' })).toBe(false);
  });

  test('NotAction allows everything but the listed actions', () => {
    expect(allowed({ Effect: 'Allow', NotAction: 's3:Delete*', Resource: '*' })).toBe(true);
    expect(allowed({ Effect: 'Allow', NotAction: ['s3:Delete*', 's3:Get*'], Resource: '*' })).toBe(false);
  });

  test('NotAction in a deny denies everything but the listed actions', () => {
    const r = evaluate(request('kms:Decrypt', '*'), { identity: [identity('P', allowAll, { Effect: 'Deny', NotAction: 's3:*', Resource: '*' })] });
    expect(r.decision).toBe('explicit-deny');
  });

  test('resource wildcards are case-sensitive and match within the resource part', () => {
    expect(allowed({ Effect: 'Allow', Action: '*', Resource: `${BUCKET}/*` })).toBe(true);
    expect(allowed({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::LAKE-RAW/*' })).toBe(false);
    expect(allowed({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::lake-r?w/tenant-a/*' })).toBe(true);
    expect(allowed({ Effect: 'Allow', Action: '*', Resource: `${BUCKET}/tenant-b/*` })).toBe(false);
    // the bucket ARN does not match objects, nor objects the bucket
    expect(allowed({ Effect: 'Allow', Action: '*', Resource: BUCKET })).toBe(false);
    expect(allowed({ Effect: 'Allow', Action: '*', Resource: `${BUCKET}/*` }, 's3:ListBucket', BUCKET)).toBe(false);
  });

  test('a wildcard does not cross the colons of the ARN prefix', () => {
    expect(allowed({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:kms:*:111122223333:key/*' }, 'kms:Decrypt', '*')).toBe(false);
    const patterns = ['arn:aws:kms:*:*:key/*', 'arn:*:kms:eu-west-1:111122223333:key/1234abcd'];
    for (const p of patterns) {
      const r = evaluate(request('kms:DescribeKey', KEY), {
        identity: [identity('P', { Effect: 'Allow', Action: '*', Resource: p })],
        resource: [resourcePolicy('KeyPolicy', { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' })],
      });
      expect(r.allowed).toBe(true);
    }
    expect(allowed({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:*:::lake-raw/*' })).toBe(true);
  });

  test('NotResource allows everything but the listed resources', () => {
    expect(allowed({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::other/*' })).toBe(true);
    expect(allowed({ Effect: 'Allow', Action: '*', NotResource: `${BUCKET}/*` })).toBe(false);
  });

  test('a statement with neither Action nor NotAction matches nothing', () => {
    expect(allowed({ Effect: 'Allow', Resource: '*' } as PolicyStatement)).toBe(false);
  });
});

describe('permission boundary', () => {
  test('identity allow outside the boundary: implicit deny naming the boundary', () => {
    const r = evaluate(request('s3:GetObject', OBJECT), {
      identity: [identity('P', readObjects)],
      boundary: [boundary({ Effect: 'Allow', Action: 'kms:*', Resource: '*' })],
    });
    expect(r.decision).toBe('implicit-deny');
    expect(r.reason).toContain('permission boundary (Boundary) does not allow s3:GetObject');
  });

  test('identity allow inside the boundary: allowed, both statements decide', () => {
    const r = evaluate(request('s3:GetObject', OBJECT), {
      identity: [identity('P', readObjects)],
      boundary: [boundary({ Sid: 'Max', Effect: 'Allow', Action: 's3:*', Resource: '*' })],
    });
    expect(r.allowed).toBe(true);
    expect(r.deciding.map((d) => `${d.source.kind}:${d.sid}`)).toEqual(['identity:Read', 'boundary:Max']);
  });

  test('a boundary alone grants nothing', () => {
    expect(evaluate(request('s3:GetObject', OBJECT), { identity: [], boundary: [boundary(allowAll)] }).decision).toBe('implicit-deny');
  });

  test('an empty boundary (given but with no allow) denies everything', () => {
    const r = evaluate(request('s3:GetObject', OBJECT), { identity: [identity('P', allowAll)], boundary: [] });
    expect(r.decision).toBe('implicit-deny');
  });
});

describe('resource-based policies in the same account', () => {
  const grantTo = (principal: PolicyStatement['Principal']) =>
    resourcePolicy('BucketPolicy', { Sid: 'Grant', Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: `${BUCKET}/*` });

  test('a bucket policy naming the role grants without an identity policy', () => {
    const r = evaluate(request('s3:GetObject', OBJECT), { identity: [], resource: [grantTo({ AWS: ROLE })] });
    expect(r.allowed).toBe(true);
    expect(r.deciding[0].principalMatch).toBe('role');
  });

  test('a bucket policy naming the role ARN is still limited by the boundary (AWS: role ARN grants are bounded)', () => {
    const r = evaluate(request('s3:GetObject', OBJECT), {
      identity: [],
      resource: [grantTo({ AWS: ROLE })],
      boundary: [boundary({ Effect: 'Allow', Action: 'kms:*', Resource: '*' })],
    });
    expect(r.decision).toBe('implicit-deny');
  });

  test('a bucket policy naming the role session is not limited by the boundary', () => {
    const r = evaluate(
      request('s3:GetObject', OBJECT, { principal: { arn: ROLE, sessionArn: SESSION } }),
      { identity: [], resource: [grantTo({ AWS: SESSION })], boundary: [boundary({ Effect: 'Allow', Action: 'kms:*', Resource: '*' })] },
    );
    expect(r.allowed).toBe(true);
    expect(r.deciding[0].principalMatch).toBe('session');
  });

  test('a bucket policy naming an IAM user is not limited by its boundary', () => {
    const user = `arn:aws:iam::${ACCOUNT}:user/bob`;
    const r = evaluate({ principal: { arn: user }, action: 's3:GetObject', resource: OBJECT }, {
      identity: [],
      resource: [grantTo({ AWS: user })],
      boundary: [boundary({ Effect: 'Allow', Action: 'kms:*', Resource: '*' })],
    });
    expect(r.allowed).toBe(true);
  });

  test('a bucket policy naming the account root delegates to IAM: the identity policy must allow', () => {
    const viaRoot = grantTo({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
    const denied = evaluate(request('s3:GetObject', OBJECT), { identity: [], resource: [viaRoot] });
    expect(denied.decision).toBe('implicit-deny');
    expect(denied.reason).toContain('allows the account, which still needs an identity-based allow');
    const viaId = evaluate(request('s3:GetObject', OBJECT), { identity: [identity('P', readObjects)], resource: [grantTo({ AWS: ACCOUNT })] });
    expect(viaId.allowed).toBe(true);
  });

  test('Principal "*" and {"AWS": "*"} name everyone', () => {
    expect(evaluate(request('s3:GetObject', OBJECT), { identity: [], resource: [grantTo('*')] }).allowed).toBe(true);
    expect(evaluate(request('s3:GetObject', OBJECT), { identity: [], resource: [grantTo({ AWS: ['*'] })] }).allowed).toBe(true);
  });

  test('a statement for another principal or another account does not apply', () => {
    const others: PolicyStatement['Principal'][] = [{ AWS: `arn:aws:iam::${ACCOUNT}:role/Other` }, { AWS: 'arn:aws:iam::999999999999:root' }, { Service: 's3.amazonaws.com' }];
    for (const p of others) {
      expect(evaluate(request('s3:GetObject', OBJECT), { identity: [], resource: [grantTo(p)] }).allowed).toBe(false);
    }
  });

  test('a resource-based statement without Principal applies to no one', () => {
    const r = evaluate(request('s3:GetObject', OBJECT), {
      identity: [identity('P', readObjects)],
      resource: [resourcePolicy('BucketPolicy', { Effect: 'Deny', Action: '*', Resource: '*' })],
    });
    expect(r.allowed).toBe(true);
  });

  test('a deny with NotPrincipal spares the listed role and denies others', () => {
    const policy = resourcePolicy('BucketPolicy', { Sid: 'OnlyAdmin', Effect: 'Deny', NotPrincipal: { AWS: ROLE }, Action: 's3:*', Resource: '*' });
    expect(evaluate(request('s3:GetObject', OBJECT), { identity: [identity('P', readObjects)], resource: [policy] }).allowed).toBe(true);
    const other = { arn: `arn:aws:iam::${ACCOUNT}:role/Other` };
    expect(evaluate(request('s3:GetObject', OBJECT, { principal: other }), { identity: [identity('P', readObjects)], resource: [policy] }).decision).toBe(
      'explicit-deny',
    );
  });

  test('a deny with NotPrincipal always denies a principal with a boundary (documented IAM behaviour)', () => {
    const policy = resourcePolicy('BucketPolicy', { Effect: 'Deny', NotPrincipal: { AWS: ROLE }, Action: 's3:*', Resource: '*' });
    const r = evaluate(request('s3:GetObject', OBJECT), { identity: [identity('P', readObjects)], resource: [policy], boundary: [boundary(allowAll)] });
    expect(r.decision).toBe('explicit-deny');
  });

  test('a service principal is granted by a resource policy naming the service', () => {
    const policy = resourcePolicy('BucketPolicy', { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: `${BUCKET}/*` });
    const service = { principal: { service: 'cloudtrail.amazonaws.com' }, action: 's3:PutObject', resource: OBJECT, resourceAccount: ACCOUNT };
    expect(evaluate(service, { identity: [], resource: [policy] }).allowed).toBe(true);
    expect(evaluate({ ...service, action: 's3:DeleteObject' }, { identity: [], resource: [policy] }).reason).toContain(
      'no resource-based policy allows the service cloudtrail.amazonaws.com',
    );
  });
});

describe('cross-account access', () => {
  const otherBucket = 'arn:aws:s3:::partner-bucket';
  const req = request('s3:GetObject', `${otherBucket}/x`, { resourceAccount: '999999999999' });
  const grant = (principal: PolicyStatement['Principal']) =>
    resourcePolicy('PartnerPolicy', { Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: `${otherBucket}/*` });
  const readOther: PolicyStatement = { Effect: 'Allow', Action: 's3:GetObject', Resource: `${otherBucket}/*` };

  test('needs both the identity policy and the other account\'s resource policy', () => {
    expect(evaluate(req, { identity: [identity('P', readOther)] }).decision).toBe('implicit-deny');
    expect(evaluate(req, { identity: [], resource: [grant({ AWS: ROLE })] }).reason).toContain('cross-account access needs an identity-based allow');
    expect(evaluate(req, { identity: [identity('P', readOther)], resource: [grant({ AWS: `arn:aws:iam::${ACCOUNT}:root` })] }).allowed).toBe(true);
    expect(evaluate(req, { identity: [identity('P', readOther)], resource: [grant({ AWS: ROLE })] }).reason).toBe(
      'allowed by PartnerPolicy #0 (naming this principal or its account) and P #0',
    );
  });

  test('the boundary still bounds the identity side of a cross-account request', () => {
    const r = evaluate(req, {
      identity: [identity('P', readOther)],
      resource: [grant({ AWS: ROLE })],
      boundary: [boundary({ Effect: 'Allow', Action: 'kms:*', Resource: '*' })],
    });
    expect(r.decision).toBe('implicit-deny');
  });

  test('the resource account comes from the ARN when it has one', () => {
    const foreignKey = 'arn:aws:kms:eu-west-1:999999999999:key/k';
    const r = evaluate(request('kms:Decrypt', foreignKey), { identity: [identity('P', allowAll)], resource: [] });
    expect(r.reason).toContain('the key policy (none given) does not allow');
    const queue = 'arn:aws:sqs:eu-west-1:999999999999:q';
    expect(evaluate(request('sqs:SendMessage', queue), { identity: [identity('P', allowAll)] }).reason).toContain(
      'the resource-based policy of the other account (none given) does not allow',
    );
  });
});

describe('KMS: the key policy must allow', () => {
  const rootKeyPolicy = resourcePolicy('KeyPolicy', {
    Sid: 'Delegate',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
    Action: ['kms:Decrypt', 'kms:DescribeKey'],
    Resource: '*',
  });
  const decrypt: PolicyStatement = { Sid: 'Decrypt', Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY };

  test('an identity allow alone is not enough without a key policy allow', () => {
    const r = evaluate(request('kms:Decrypt', KEY), { identity: [identity('P', decrypt)], resource: [] });
    expect(r.decision).toBe('implicit-deny');
    expect(r.reason).toContain('the key policy (none given) does not allow kms:Decrypt');
    const other = resourcePolicy('KeyPolicy', { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:Encrypt', Resource: '*' });
    expect(evaluate(request('kms:Decrypt', KEY), { identity: [identity('P', decrypt)], resource: [other] }).decision).toBe('implicit-deny');
  });

  test('a key policy delegating to the account needs the identity policy too', () => {
    expect(evaluate(request('kms:Decrypt', KEY), { identity: [], resource: [rootKeyPolicy] }).reason).toContain('the key policy delegates to IAM');
    const r = evaluate(request('kms:Decrypt', KEY), { identity: [identity('P', decrypt)], resource: [rootKeyPolicy] });
    expect(r.allowed).toBe(true);
    expect(r.deciding.map((d) => d.sid)).toEqual(['Delegate', 'Decrypt']);
    expect(r.reason).toBe('allowed by KeyPolicy [Delegate] (naming the account) and P [Decrypt]');
  });

  test('a key policy naming the role grants directly, within the boundary', () => {
    const direct = resourcePolicy('KeyPolicy', { Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'kms:Decrypt', Resource: '*' });
    expect(evaluate(request('kms:Decrypt', KEY), { identity: [], resource: [direct] }).allowed).toBe(true);
    expect(evaluate(request('kms:Decrypt', KEY), { identity: [], resource: [direct], boundary: [boundary({ Effect: 'Allow', Action: 's3:*', Resource: '*' })] }).allowed).toBe(
      false,
    );
  });

  test('kms:ViaService and kms:CallerAccount conditions in the key policy', () => {
    const viaS3 = resourcePolicy('KeyPolicy', {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': ['s3.eu-west-1.amazonaws.com'], 'kms:CallerAccount': ACCOUNT } },
    });
    const set: PolicySet = { identity: [identity('P', decrypt)], resource: [viaS3] };
    expect(evaluate(request('kms:Decrypt', KEY), set).allowed).toBe(false);
    expect(evaluate(request('kms:Decrypt', KEY, { context: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:CallerAccount': ACCOUNT } }), set).allowed).toBe(true);
    expect(evaluate(request('kms:Decrypt', KEY, { context: { 'kms:ViaService': 'glue.eu-west-1.amazonaws.com', 'kms:CallerAccount': ACCOUNT } }), set).allowed).toBe(false);
  });

  test('kms actions without a key resource (kms:CreateKey on *) follow the ordinary rules', () => {
    expect(evaluate(request('kms:CreateKey', '*'), { identity: [identity('P', { Effect: 'Allow', Action: 'kms:CreateKey', Resource: '*' })] }).allowed).toBe(true);
  });
});

describe('service control policies', () => {
  const scp = (...s: PolicyStatement[]) => [{ source: { kind: 'scp' as const, name: 'RegionGuard' }, document: doc(...s) }];

  test('an SCP that does not allow the action denies it implicitly', () => {
    const r = evaluate(request('s3:GetObject', OBJECT), { identity: [identity('P', allowAll)], scp: scp({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }) });
    expect(r.decision).toBe('implicit-deny');
    expect(r.reason).toBe('no service control policy allows s3:GetObject');
  });

  test('an SCP that allows does not grant by itself', () => {
    expect(evaluate(request('s3:GetObject', OBJECT), { identity: [], scp: scp(allowAll) }).allowed).toBe(false);
    expect(evaluate(request('s3:GetObject', OBJECT), { identity: [identity('P', allowAll)], scp: scp(allowAll) }).allowed).toBe(true);
  });

  test('a region deny in an SCP applies through aws:RequestedRegion', () => {
    const guard = scp(allowAll, {
      Sid: 'DenyOutsideEu',
      Effect: 'Deny',
      NotAction: ['iam:*', 'sts:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } },
    });
    const set: PolicySet = { identity: [identity('P', allowAll)], scp: guard };
    expect(evaluate(request('s3:GetObject', OBJECT, { context: { 'aws:RequestedRegion': 'us-east-1' } }), set).decision).toBe('explicit-deny');
    expect(evaluate(request('s3:GetObject', OBJECT, { context: { 'aws:RequestedRegion': 'eu-west-1' } }), set).allowed).toBe(true);
    expect(evaluate(request('iam:GetRole', '*', { context: { 'aws:RequestedRegion': 'us-east-1' } }), set).allowed).toBe(true);
  });
});

describe('policy variables', () => {
  const tenantRead: PolicyStatement = { Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/\${aws:PrincipalTag/tenant}/*` };

  test('${aws:PrincipalTag/...} in Resource is replaced by the principal tag', () => {
    expect(evaluate(request('s3:GetObject', OBJECT), { identity: [identity('P', tenantRead)] }).allowed).toBe(true);
    expect(evaluate(request('s3:GetObject', `${BUCKET}/tenant-b/x`), { identity: [identity('P', tenantRead)] }).allowed).toBe(false);
  });

  test('a variable with no value in the request matches nothing', () => {
    const untagged = request('s3:GetObject', OBJECT, { principal: { arn: ROLE } });
    expect(evaluate(untagged, { identity: [identity('P', tenantRead)] }).allowed).toBe(false);
  });

  test("the default-value form ${key, 'default'} is used when the key is absent", () => {
    const withDefault: PolicyStatement = { Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/\${aws:PrincipalTag/tenant, 'tenant-a'}/*` };
    expect(evaluate(request('s3:GetObject', OBJECT, { principal: { arn: ROLE } }), { identity: [identity('P', withDefault)] }).allowed).toBe(true);
  });

  test('${aws:username} resolves for IAM users', () => {
    const user = `arn:aws:iam::${ACCOUNT}:user/bob`;
    const home: PolicyStatement = { Effect: 'Allow', Action: 's3:*', Resource: `${BUCKET}/home/\${aws:username}/*` };
    const req = (key: string): AccessRequest => ({ principal: { arn: user }, action: 's3:PutObject', resource: `${BUCKET}/${key}` });
    expect(evaluate(req('home/bob/file'), { identity: [identity('P', home)] }).allowed).toBe(true);
    expect(evaluate(req('home/eve/file'), { identity: [identity('P', home)] }).allowed).toBe(false);
  });

  test('variables in condition values (string operators)', () => {
    const cond: PolicyStatement = {
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: BUCKET,
      Condition: { StringLike: { 's3:prefix': ['${aws:PrincipalTag/tenant}/*'] } },
    };
    expect(evaluate(request('s3:ListBucket', BUCKET, { context: { 's3:prefix': 'tenant-a/2024/' } }), { identity: [identity('P', cond)] }).allowed).toBe(true);
    expect(evaluate(request('s3:ListBucket', BUCKET, { context: { 's3:prefix': 'tenant-b/' } }), { identity: [identity('P', cond)] }).allowed).toBe(false);
  });

  test('variables are literal text in a policy without Version 2012-10-17', () => {
    const old: SourcedPolicy = { source: { kind: 'identity', name: 'Old' }, document: { Version: '2008-10-17', Statement: [tenantRead] } };
    expect(evaluate(request('s3:GetObject', OBJECT), { identity: [old] }).allowed).toBe(false);
    expect(evaluate(request('s3:GetObject', `${BUCKET}/\${aws:PrincipalTag/tenant}/x`), { identity: [old] }).allowed).toBe(true);
  });
});

describe('automatic context keys', () => {
  const withCondition = (Condition: PolicyStatement['Condition']) => ({ identity: [identity('P', { Effect: 'Allow' as const, Action: '*', Resource: '*', Condition })] });

  test('aws:PrincipalArn, aws:PrincipalAccount and aws:PrincipalTag come from the principal', () => {
    expect(evaluate(request('s3:GetObject', OBJECT), withCondition({ ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/Ana*` } })).allowed).toBe(true);
    expect(evaluate(request('s3:GetObject', OBJECT), withCondition({ StringEquals: { 'aws:PrincipalAccount': ACCOUNT } })).allowed).toBe(true);
    expect(evaluate(request('s3:GetObject', OBJECT), withCondition({ StringEquals: { 'aws:principaltag/TENANT': 'tenant-a' } })).allowed).toBe(true);
  });

  test('context given with the request overrides the automatic keys', () => {
    const r = evaluate(
      request('s3:GetObject', OBJECT, { context: { 'aws:PrincipalTag/tenant': 'tenant-b' } }),
      withCondition({ StringEquals: { 'aws:PrincipalTag/tenant': 'tenant-a' } }),
    );
    expect(r.allowed).toBe(false);
  });
});
