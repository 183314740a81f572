/**
 * The access matrix on a small hand-built stack: a lake-like bucket with its CMK, two
 * persona roles granted through the constructs' grants, one of them with a permission
 * boundary, and one unrelated role.
 */
import { Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { templatesOfStacks } from '../../../lib/access/assembly';
import { AccessMatrix, accessMatrix, matrixCell, renderAccessMatrixMarkdown } from '../../../lib/access/matrix';
import { testApp } from '../../support/app';

const ACCOUNT = '111111111111';
let matrix: AccessMatrix;
let templates: ReturnType<typeof templatesOfStacks>;

beforeAll(() => {
  const stack = new Stack(testApp(), 'MatrixTest', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const key = new kms.Key(stack, 'ZoneKey', { alias: 'alias/test/restricted', enableKeyRotation: true });
  Tags.of(key).add('data-classification', 'restricted');
  const bucket = new s3.Bucket(stack, 'RawZone', { encryptionKey: key, enforceSSL: true, bucketName: 'lake-raw' });
  Tags.of(bucket).add('data-zone', 'raw');

  const boundary = new iam.ManagedPolicy(stack, 'Boundary', {
    statements: [
      new iam.PolicyStatement({ sid: 'Ceiling', actions: ['s3:*', 'kms:*'], resources: ['*'] }),
      new iam.PolicyStatement({ sid: 'NoDeletion', effect: iam.Effect.DENY, actions: ['s3:DeleteObject*', 'kms:ScheduleKeyDeletion'], resources: ['*'] }),
    ],
  });
  const engineer = new iam.Role(stack, 'EngineerRole', { assumedBy: new iam.AccountRootPrincipal(), permissionsBoundary: boundary });
  Tags.of(engineer).add('persona', 'data-engineer');
  bucket.grantReadWrite(engineer);

  const analyst = new iam.Role(stack, 'AnalystRole', { assumedBy: new iam.AccountRootPrincipal() });
  Tags.of(analyst).add('persona', 'data-analyst');
  bucket.grantRead(analyst);

  // Tenant isolation by attribute: the prefix of the tenant in the principal tag.
  const scientist = new iam.Role(stack, 'ScientistRole', { assumedBy: new iam.AccountRootPrincipal() });
  Tags.of(scientist).add('persona', 'data-scientist');
  Tags.of(scientist).add('tenant', 'tenant-a');
  bucket.grantRead(scientist, '${aws:PrincipalTag/tenant}/*');

  new iam.Role(stack, 'NotAPersona', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

  templates = templatesOfStacks([stack]);
  matrix = accessMatrix({ templates });
});

describe('subjects and targets', () => {
  test('personas are the roles tagged persona, named by the tag', () => {
    expect(matrix.subjects.map((s) => s.name)).toEqual(['data-analyst', 'data-engineer', 'data-scientist']);
    expect(matrix.subjects.find((s) => s.name === 'data-engineer')?.boundary).toMatch(/^arn:aws:iam::111111111111:policy\//);
  });

  test('targets: the zone bucket and the classified key, named by zone and alias', () => {
    expect(matrix.targets.map((t) => [t.kind, t.name, t.arn])).toEqual([
      ['bucket', 'zone raw', 'arn:aws:s3:::lake-raw'],
      ['key', 'key restricted', 'arn:aws:kms:eu-west-1:111111111111:key/ZoneKeyA9416B2E'],
    ]);
  });

  test('the matrix has one row per persona x target x action and is JSON-serializable', () => {
    expect(matrix.rows).toHaveLength(3 * (6 + 5));
    expect(JSON.parse(JSON.stringify(matrix))).toEqual(matrix);
    expect(matrix.warnings).toEqual([]);
  });
});

describe('allowed paths, with the deciding statements', () => {
  test('the engineer writes the zone: its grant within the boundary', () => {
    const cell = matrixCell(matrix, 'data-engineer', 'zone raw', 'write');
    expect(cell.decision).toBe('allowed');
    expect(cell.resource).toBe('arn:aws:s3:::lake-raw/data/object');
    expect(cell.deciding.map((d) => [d.kind, d.logicalId, d.sid ?? null])).toEqual([
      ['identity', expect.stringMatching(/^EngineerRoleDefaultPolicy/), null],
      ['boundary', expect.stringMatching(/^Boundary/), 'Ceiling'],
    ]);
  });

  test('the analyst reads and lists the zone', () => {
    expect(matrixCell(matrix, 'data-analyst', 'zone raw', 'read').decision).toBe('allowed');
    expect(matrixCell(matrix, 'data-analyst', 'zone raw', 'list').decision).toBe('allowed');
  });

  test('the analyst decrypts through S3: the key policy delegates to the account, the grant allows', () => {
    const cell = matrixCell(matrix, 'data-analyst', 'key restricted', 'decrypt-via-s3');
    expect(cell.decision).toBe('allowed');
    expect(cell.deciding.map((d) => d.kind)).toEqual(['resource', 'identity']);
    expect(cell.deciding[0].policy).toBe('key policy MatrixTest/ZoneKeyA9416B2E');
  });
});

describe('denied paths, with the reason', () => {
  test('the analyst cannot write or delete: nothing allows it', () => {
    for (const label of ['write', 'delete']) {
      const cell = matrixCell(matrix, 'data-analyst', 'zone raw', label);
      expect(cell.decision).toBe('implicit-deny');
      expect(cell.deciding).toEqual([]);
      expect(cell.reason).toContain('no identity-based or resource-based policy allows');
    }
  });

  test('the engineer cannot delete although its grant allows it: the boundary denies explicitly', () => {
    const cell = matrixCell(matrix, 'data-engineer', 'zone raw', 'delete');
    expect(cell.decision).toBe('explicit-deny');
    expect(cell.deciding).toEqual([expect.objectContaining({ kind: 'boundary', sid: 'NoDeletion', effect: 'Deny' })]);
  });

  test('nobody can change Object Lock or schedule key deletion', () => {
    for (const subject of ['data-analyst', 'data-engineer']) {
      expect(matrixCell(matrix, subject, 'zone raw', 'change-object-lock').allowed).toBe(false);
      expect(matrixCell(matrix, subject, 'key restricted', 'schedule-deletion').allowed).toBe(false);
    }
    expect(matrixCell(matrix, 'data-engineer', 'key restricted', 'schedule-deletion').decision).toBe('explicit-deny');
  });

  test('a request without TLS is denied by the bucket policy even for the engineer', () => {
    const plain = accessMatrix({ templates, context: { 'aws:SecureTransport': false } });
    const cell = matrixCell(plain, 'data-engineer', 'zone raw', 'read');
    expect(cell.decision).toBe('explicit-deny');
    expect(cell.deciding[0]).toEqual(expect.objectContaining({ kind: 'resource', logicalId: expect.stringMatching(/^RawZonePolicy/), effect: 'Deny' }));
  });
});

describe('tenant isolation by principal tag', () => {
  test("the scientist reads its tenant's prefix only", () => {
    const own = accessMatrix({ templates, objectKey: 'tenant-a/part-0.parquet' });
    const other = accessMatrix({ templates, objectKey: 'tenant-b/part-0.parquet' });
    expect(matrixCell(own, 'data-scientist', 'zone raw', 'read').decision).toBe('allowed');
    expect(matrixCell(other, 'data-scientist', 'zone raw', 'read').decision).toBe('implicit-deny');
    expect(matrixCell(matrix, 'data-scientist', 'zone raw', 'read').decision).toBe('implicit-deny');
  });

  test('the tag comes from the role; overriding it in the context moves the scientist to the other tenant', () => {
    const moved = accessMatrix({ templates, objectKey: 'tenant-b/part-0.parquet', context: { 'aws:PrincipalTag/tenant': 'tenant-b' } });
    expect(matrixCell(moved, 'data-scientist', 'zone raw', 'read').decision).toBe('allowed');
  });
});

describe('explicit input', () => {
  test('explicit subjects, targets and actions', () => {
    const m = accessMatrix({
      templates,
      subjects: [{ name: 'lambda', role: 'NotAPersonaA91504AF' }],
      targets: [{ kind: 'bucket', name: 'raw', arn: 'arn:aws:s3:::lake-raw' }],
      actions: { bucket: [{ label: 'tag', action: 's3:PutObjectTagging', on: 'object' }] },
    });
    expect(m.rows.map((r) => [r.subject, r.target, r.label, r.decision])).toEqual([['lambda', 'raw', 'tag', 'implicit-deny']]);
  });

  test('fails if a subject names no role, listing the roles', () => {
    expect(() => accessMatrix({ templates, subjects: [{ name: 'x', role: 'Missing' }] })).toThrow(
      /subjects\[0\]\.role: received 'Missing'; allowed: a role's logical id, name, ARN or construct path \(EngineerRole.*AnalystRole.*\)/,
    );
  });

  test('fails if a cell does not exist, naming what does', () => {
    expect(() => matrixCell(matrix, 'auditor', 'zone raw', 'read')).toThrow(
      "No access matrix cell 'auditor' x 'zone raw' x 'read'; subjects: data-analyst, data-engineer, data-scientist",
    );
  });
});

describe('markdown', () => {
  test('one table per target with a column per persona, and the deciding statements', () => {
    const md = renderAccessMatrixMarkdown(matrix, { details: true });
    expect(md).toContain('## zone raw (bucket)');
    expect(md).toContain('| action | data-analyst | data-engineer | data-scientist |');
    expect(md).toContain('| write (`s3:PutObject`) | - | allow | - |');
    expect(md).toContain('| delete (`s3:DeleteObject`) | - | DENY | - |');
    expect(md).toMatch(/- data-engineer · zone raw · delete: \*\*explicit-deny\*\* — explicitly denied by boundary .*\[NoDeletion\]/);
  });
});
