import { App, Stack, Stage } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadAssembly, templatesOfStacks } from '../../../lib/access/assembly';
import { resolveEnvironment, resourcePoliciesFor } from '../../../lib/access/environment';
import { CfnTemplate, partitionOf, PLACEHOLDER_ACCOUNT, StackTemplate, TemplateResolver } from '../../../lib/access/templates';
import { CDK_CONTEXT } from '../../support/app';

const producer: StackTemplate = {
  stackName: 'env-Producer',
  displayName: 'env/Producer',
  template: {
    Parameters: { Level: { Default: 'gold' } },
    Conditions: { IsGold: { 'Fn::Equals': [{ Ref: 'Level' }, 'gold'] }, NotGold: { 'Fn::Not': [{ Condition: 'IsGold' }] } },
    Mappings: { Sizes: { gold: { Brokers: '6' } } },
    Resources: {
      DataBucket: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'data-zone', Value: 'raw' }] } },
      NamedBucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': '${AWS::StackName}-named-${AWS::Region}' } } },
      Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Version: '2012-10-17', Statement: [] } } },
      Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'Analyst', Path: '/personas/', Tags: [{ Key: 'persona', Value: 'analyst' }] } },
      Cluster: { Type: 'AWS::MSK::Cluster', Properties: { ClusterName: 'events' } },
      Topic: { Type: 'AWS::MSK::Topic', Properties: { ClusterArn: { Ref: 'Cluster' }, TopicName: 'orders' } },
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: {} },
      Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'work' } },
    },
    Outputs: {
      BucketArn: { Value: { 'Fn::GetAtt': ['DataBucket', 'Arn'] }, Export: { Name: { 'Fn::Join': [':', [{ Ref: 'AWS::StackName' }, 'BucketArn']] } } },
    },
  },
};

describe('TemplateResolver', () => {
  const resolver = new TemplateResolver([producer], { region: 'eu-west-1' });
  const r = (value: unknown) => resolver.resolve('env-Producer', value);

  test('pseudo parameters, with the placeholder account when none is given', () => {
    expect(r({ 'Fn::Join': ['', [{ Ref: 'AWS::Partition' }, '/', { Ref: 'AWS::Region' }, '/', { Ref: 'AWS::AccountId' }, '/', { Ref: 'AWS::URLSuffix' }]] })).toBe(
      `aws/eu-west-1/${PLACEHOLDER_ACCOUNT}/amazonaws.com`,
    );
    expect(r({ Ref: 'AWS::StackName' })).toBe('env-Producer');
  });

  test('partition and URL suffix follow the region', () => {
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
    const cn = new TemplateResolver([producer], { region: 'cn-north-1', account: '111122223333' });
    expect(cn.resolve('env-Producer', { 'Fn::GetAtt': ['Key', 'Arn'] })).toBe('arn:aws-cn:kms:cn-north-1:111122223333:key/Key');
    expect(cn.urlSuffix).toBe('amazonaws.com.cn');
  });

  test('symbolic names: lowercase logical id for buckets without a name, the name property otherwise', () => {
    expect(r({ Ref: 'DataBucket' })).toBe('databucket');
    expect(r({ 'Fn::GetAtt': ['DataBucket', 'Arn'] })).toBe('arn:aws:s3:::databucket');
    expect(r({ Ref: 'NamedBucket' })).toBe('env-Producer-named-eu-west-1');
    expect(r({ 'Fn::GetAtt': ['DataBucket', 'RegionalDomainName'] })).toBe('databucket.s3.eu-west-1.amazonaws.com');
  });

  test('ARNs of roles (with path), keys, clusters, topics, log groups, queues', () => {
    expect(r({ 'Fn::GetAtt': ['Role', 'Arn'] })).toBe(`arn:aws:iam::${PLACEHOLDER_ACCOUNT}:role/personas/Analyst`);
    expect(r({ Ref: 'Role' })).toBe('Analyst');
    expect(r({ Ref: 'Key' })).toBe('Key');
    expect(r({ 'Fn::GetAtt': ['Key', 'KeyId'] })).toBe('Key');
    expect(r({ Ref: 'Cluster' })).toBe(`arn:aws:kafka:eu-west-1:${PLACEHOLDER_ACCOUNT}:cluster/events/cluster-uuid`);
    expect(r({ 'Fn::GetAtt': ['Topic', 'TopicArn'] })).toBe(`arn:aws:kafka:eu-west-1:${PLACEHOLDER_ACCOUNT}:topic/events/cluster-uuid/orders`);
    expect(r({ 'Fn::GetAtt': ['Logs', 'Arn'] })).toBe(`arn:aws:logs:eu-west-1:${PLACEHOLDER_ACCOUNT}:log-group:Logs:*`);
    expect(r({ Ref: 'Queue' })).toBe(`https://sqs.eu-west-1.amazonaws.com/${PLACEHOLDER_ACCOUNT}/work`);
    expect(r({ 'Fn::GetAtt': ['Queue', 'Arn'] })).toBe(`arn:aws:sqs:eu-west-1:${PLACEHOLDER_ACCOUNT}:work`);
  });

  test('Fn::Sub with variables, attributes and escapes; Fn::Select; Fn::Split; Fn::GetAZs; Fn::FindInMap', () => {
    expect(r({ 'Fn::Sub': ['${Bucket}/${Key.Arn}/${!Literal}', { Bucket: { Ref: 'DataBucket' } }] })).toBe(
      `databucket/arn:aws:kms:eu-west-1:${PLACEHOLDER_ACCOUNT}:key/Key/\${Literal}`,
    );
    expect(r({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] })).toBe('b');
    expect(r({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] })).toBe('eu-west-1a');
    expect(r({ 'Fn::FindInMap': ['Sizes', { Ref: 'Level' }, 'Brokers'] })).toBe('6');
  });

  test('conditions, Fn::If and AWS::NoValue', () => {
    expect(r({ 'Fn::If': ['IsGold', 'yes', 'no'] })).toBe('yes');
    expect(r({ 'Fn::If': ['NotGold', 'yes', 'no'] })).toBe('no');
    expect(r({ 'Fn::And': [{ Condition: 'IsGold' }, { 'Fn::Or': [{ Condition: 'NotGold' }, true] }] })).toBe(true);
    expect(r({ a: { Ref: 'AWS::NoValue' }, b: [1, { Ref: 'AWS::NoValue' }] })).toEqual({ b: [1] });
  });

  test('what cannot be resolved becomes <unresolved ...> and a warning', () => {
    const fresh = new TemplateResolver([producer], { region: 'eu-west-1' });
    expect(fresh.resolve('env-Producer', { 'Fn::ImportValue': 'nobody:exports' })).toBe("<unresolved Fn::ImportValue 'nobody:exports' (no stack exports it)>");
    expect(fresh.resolve('env-Producer', { Ref: 'Ghost' })).toBe('<unresolved Ref to unknown Ghost>');
    expect(fresh.resolve('env-Producer', { 'Fn::Transform': {} })).toBe('<unresolved Fn::Transform>');
    expect(fresh.warnings).toEqual([
      "env/Producer: could not resolve Fn::ImportValue 'nobody:exports' (no stack exports it)",
      'env/Producer: could not resolve Ref to unknown Ghost',
      'env/Producer: could not resolve Fn::Transform',
    ]);
  });

  test('fails if stack names repeat, the region is not one, or the account is not 12 digits, listing all problems', () => {
    expect(() => new TemplateResolver([producer, producer], { region: 'Europe', account: '42' })).toThrow(
      [
        'Invalid templates for access evaluation:',
        "  - stacks: received stack name 'env-Producer' twice; allowed: unique stack names",
        "  - region: received 'Europe'; allowed: a region name such as eu-west-1",
        "  - account: received '42'; allowed: 12 digits",
      ].join('\n'),
    );
  });

  test('fails if an unknown stack is asked for, naming the stacks', () => {
    expect(() => resolver.stack('nope')).toThrow("Unknown stack 'nope'; stacks: env-Producer");
  });
});

describe('resolveEnvironment: cross-stack imports and attached policies', () => {
  const consumer: StackTemplate = {
    stackName: 'env-Consumer',
    template: {
      Resources: {
        Boundary: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } },
        },
        Shared: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: { Roles: [{ Ref: 'Reader' }], PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: 'Shared', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] } },
        },
        Reader: {
          Type: 'AWS::IAM::Role',
          Properties: {
            PermissionsBoundary: { Ref: 'Boundary' },
            ManagedPolicyArns: [
              { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/ReadOnlyAccess']] },
              { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AdministratorAccess']] },
            ],
            Policies: [{ PolicyName: 'Inline', PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: 'Inline', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } }],
            Tags: [{ Key: 'persona', Value: 'reader' }],
          },
        },
        ReaderPolicy: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            PolicyName: 'ReaderPolicy',
            Roles: [{ Ref: 'Reader' }],
            PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: 'Imported', Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::ImportValue': 'env-Producer:BucketArn' } }] },
          },
        },
        Policy: {
          Type: 'AWS::S3::BucketPolicy',
          Properties: {
            Bucket: 'databucket',
            PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
          },
        },
      } as CfnTemplate['Resources'],
    },
  };
  const env = resolveEnvironment([producer, consumer], { region: 'eu-west-1', account: '111122223333' });
  const reader = env.roles.find((r) => r.logicalId === 'Reader')!;

  test('an export of one stack resolves in the stack that imports it', () => {
    const imported = reader.identityPolicies.find((p) => p.source.logicalId === 'ReaderPolicy')!;
    expect(JSON.stringify(imported.document)).toContain('"Resource":"arn:aws:s3:::databucket"');
  });

  test('identity policies: inline, AWS::IAM::Policy and managed policies attached through Roles', () => {
    expect(reader.identityPolicies.map((p) => p.source.name)).toEqual([
      "inline policy 'Inline' of env-Consumer/Reader",
      'policy env-Consumer/ReaderPolicy',
      'AWS managed policy AdministratorAccess',
      'managed policy env-Consumer/Shared',
    ]);
  });

  test('the permission boundary is the managed policy its ARN names', () => {
    expect(reader.boundaryArn).toBe('arn:aws:iam::111122223333:policy/Boundary');
    expect(reader.boundary?.source).toEqual(expect.objectContaining({ kind: 'boundary', name: 'boundary env-Consumer/Boundary' }));
  });

  test('a known AWS managed policy (AdministratorAccess) is evaluated with its document', () => {
    const admin = reader.identityPolicies.find((p) => p.source.name === 'AWS managed policy AdministratorAccess');
    expect(admin?.document.Statement).toEqual([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
  });

  test('other managed policies outside the templates are listed and warned about', () => {
    expect(reader.unresolvedPolicyArns).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(env.warnings).toEqual(['env-Consumer/Reader: managed policies not in the templates are not evaluated: arn:aws:iam::aws:policy/ReadOnlyAccess']);
  });

  test('a bucket policy covers its bucket and objects, and nothing else', () => {
    expect(resourcePoliciesFor(env, 'arn:aws:s3:::databucket/a/b').map((p) => p.source.logicalId)).toEqual(['Policy']);
    expect(resourcePoliciesFor(env, 'arn:aws:s3:::databucket').map((p) => p.source.logicalId)).toEqual(['Policy']);
    expect(resourcePoliciesFor(env, 'arn:aws:s3:::databucket-other/x')).toEqual([]);
  });

  test('topics and keys are found', () => {
    expect(env.topics.map((t) => [t.name, t.arn])).toEqual([['orders', 'arn:aws:kafka:eu-west-1:111122223333:topic/events/cluster-uuid/orders']]);
    expect(env.keys.map((k) => k.arn)).toEqual(['arn:aws:kms:eu-west-1:111122223333:key/Key']);
  });
});

describe('loading templates', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'access-assembly-'));
    const app = new App({ outdir, context: CDK_CONTEXT });
    const stage = new Stage(app, 'dev', { env: { region: 'eu-west-1' } });
    const stack = new Stack(stage, 'Lake');
    new s3.Bucket(stack, 'Zone');
    app.synth();
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('from cdk.out and an environment name: stack names, display names, region, unknown account', () => {
    const loaded = loadAssembly(outdir, 'dev');
    expect(loaded.region).toBe('eu-west-1');
    expect(loaded.account).toBeUndefined();
    expect(loaded.stacks.map((s) => [s.stackName, s.displayName])).toEqual([['dev-Lake', 'dev/Lake']]);
    expect(Object.values(loaded.stacks[0].template.Resources ?? {}).map((r) => r.Type)).toContain('AWS::S3::Bucket');
  });

  test('from the nested assembly directory itself', () => {
    expect(loadAssembly(path.join(outdir, 'assembly-dev')).stacks).toHaveLength(1);
  });

  test('fails if the environment has no assembly, naming the ones there are', () => {
    expect(() => loadAssembly(outdir, 'prod')).toThrow("environment: received 'prod'; allowed: dev");
  });

  test('fails if the top-level assembly is given without an environment, naming the environments', () => {
    expect(() => loadAssembly(outdir)).toThrow(`cloud assembly ${outdir}: no CloudFormation stack found; it holds environments dev: pass one as environment`);
  });

  test('fails if the directory has no manifest', () => {
    expect(() => loadAssembly(path.join(outdir, 'nothing-here'))).toThrow(/cloud assembly manifest: .*nothing-here\/manifest\.json does not exist/);
  });

  test('fails if a stack is not pinned to a region', () => {
    const app = new App({ context: CDK_CONTEXT });
    const agnostic = new Stack(app, 'Agnostic');
    expect(() => templatesOfStacks([agnostic])).toThrow('stack Agnostic: region is not pinned; allowed: stacks with an explicit region');
  });

  test('fails if no stacks are given', () => {
    expect(() => templatesOfStacks([])).toThrow('templatesOfStacks: received no stacks');
  });
});
