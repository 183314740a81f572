import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ErasureWorkflow, PrivacyKey } from '../../../../constructs/security/privacy';
import { ErasureWorkflowProps } from '../../../../constructs/security/privacy/erasure-workflow-props';
import { testStack } from '../../../support/app';
import { actionsOf, logicalIdOf, resourceOf, allRolePolicyStatements, TemplateStatement } from '../../template-helpers';

interface State {
  Type: string;
  Resource?: unknown;
  Arguments?: Record<string, unknown>;
  Next?: string;
  End?: boolean;
  Catch?: { ErrorEquals: string[]; Next: string }[];
  ItemProcessor?: { States: Record<string, State> };
  Branches?: { States: Record<string, State> }[];
  Items?: unknown;
}

/** The state machine definition with tokens replaced by placeholders, every nested state flattened by name. */
function statesOf(template: Template): { definition: Record<string, unknown>; states: Record<string, State> } {
  const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  // Tokens (ARNs, names) are rendered inside JSON strings: a placeholder keeps the JSON valid.
  const parts = (machine.Properties.DefinitionString['Fn::Join'][1] as unknown[]).map((p) => (typeof p === 'string' ? p : 'TOKEN'));
  const definition = JSON.parse(parts.join('')) as Record<string, unknown>;
  const states: Record<string, State> = {};
  const visit = (map: Record<string, State>) => {
    for (const [name, state] of Object.entries(map)) {
      states[name] = state;
      if (state.ItemProcessor) visit(state.ItemProcessor.States);
      for (const branch of state.Branches ?? []) visit(branch.States);
    }
  };
  visit(definition.States as Record<string, State>);
  return { definition, states };
}

function auditSteps(states: Record<string, State>): string[] {
  return Object.values(states)
    .filter((s) => String(s.Resource).includes('putLogEvents'))
    .map((s) => /"step": "([a-z-]+)"/.exec(JSON.stringify((s.Arguments!.LogEvents as { Message: string }[])[0].Message).replace(/\\"/g, '"'))![1]);
}

function build(overrides: Partial<ErasureWorkflowProps> = {}) {
  const stack = testStack();
  const key = new PrivacyKey(stack, 'Key', { alias: 'test/privacy' }).key;
  const auditKey = new kms.Key(stack, 'AuditKey', { enableKeyRotation: true });
  const logsBucket = new s3.Bucket(stack, 'Logs');
  const curated = new s3.Bucket(stack, 'Curated');
  const raw = new s3.Bucket(stack, 'Raw');
  const workflow = new ErasureWorkflow(stack, 'Erasure', {
    encryptionKey: key,
    auditKey,
    buckets: [raw, curated],
    tables: [{ database: 'prod_eu_curated', table: 'customers', subjectColumn: 'customer_id', bucket: curated }],
    tombstones: [{ topic: 'crm.customers.cdc', dataset: 'customers' }],
    serverAccessLogsBucket: logsBucket,
    auditLogRetention: logs.RetentionDays.THIRTEEN_MONTHS,
    ...overrides,
  });
  const requester = new iam.Role(stack, 'Requester', { assumedBy: new iam.AccountRootPrincipal() });
  workflow.grantStartErasure(requester);
  return { stack, key, auditKey, curated, raw, workflow, requester, template: Template.fromStack(stack) };
}

describe('ErasureWorkflow', () => {
  let built: ReturnType<typeof build>;
  let states: Record<string, State>;
  let statements: TemplateStatement[];
  beforeAll(() => {
    built = build();
    states = statesOf(built.template).states;
    statements = allRolePolicyStatements(built.template, built.workflow.stateMachine.role);
  });

  test('the subject index is encrypted with the privacy key, recoverable and retained', () => {
    const index = resourceOf(built.template, built.workflow.subjectIndex);
    expect(index.DeletionPolicy).toBe('Retain');
    expect(index.Properties).toMatchObject({
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [logicalIdOf(built.key), 'Arn'] } },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      KeySchema: [
        { AttributeName: 'subjectId', KeyType: 'HASH' },
        { AttributeName: 'location', KeyType: 'RANGE' },
      ],
    });
  });

  test('the state machine is encrypted with the privacy key, logs every event without execution data, and is traced', () => {
    built.template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      EncryptionConfiguration: { Type: 'CUSTOMER_MANAGED_KMS_KEY', KmsKeyId: { 'Fn::GetAtt': [logicalIdOf(built.key), 'Arn'] } },
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logicalIdOf(built.workflow.auditLog), 'Arn'] } } }],
      },
      TracingConfiguration: { Enabled: true },
      StateMachineType: 'STANDARD',
    });
  });

  test('the audit log group uses the audit key, the given retention, and is always retained', () => {
    const group = resourceOf(built.template, built.workflow.auditLog);
    expect(group.DeletionPolicy).toBe('Retain');
    expect(group.Properties).toMatchObject({ KmsKeyId: { 'Fn::GetAtt': [logicalIdOf(built.auditKey), 'Arn'] }, RetentionInDays: 400 });
  });

  test('every step is recorded in the audit stream of the request, failure included', () => {
    expect(auditSteps(states)).toEqual(['received', 'objects-erased', 'table-rows-erased', 'tombstones-requested', 'completed', 'failed']);
    expect(states.Erase.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'AuditFailed' })]);
    expect(states.AuditFailed.Next).toBe('ErasureFailed');
    expect(JSON.stringify(states.AuditReceived.Arguments)).toContain('$hash($subjectId, \\"SHA-256\\")');
    expect(JSON.stringify(states.AuditReceived.Arguments)).not.toMatch(/"subjectId": \$subjectId/);
  });

  test('requests are validated before anything is erased', () => {
    const { definition } = statesOf(built.template);
    expect(definition.StartAt).toBe('ValidateRequest');
    expect(states.Rejected).toMatchObject({ Type: 'Fail', Error: 'InvalidErasureRequest' });
  });

  test('indexed objects lose every version and delete marker, then their index entry', () => {
    expect(states.QueryIndex.Resource).toEqual(expect.stringContaining('dynamodb:query'));
    expect(states.ListVersions.Resource).toEqual(expect.stringContaining('s3:listObjectVersions'));
    expect(JSON.stringify(states.ListVersions)).toContain('DeleteMarkers');
    expect(states.DeleteVersion.Arguments).toEqual({ Bucket: '{% $states.input.bucket %}', Key: '{% $states.input.key %}', VersionId: '{% $states.input.versionId %}' });
    expect(states.DeleteVersions.Next).toBe('DeleteIndexEntry');
    expect(states.EraseObjects.Next).toBe('QueryIndex'); // loops until the index holds nothing for the subject
    expect(states.IndexExhausted.Type).toBe('Choice');
  });

  test('Iceberg rows are deleted with a parameterised Athena query in the erasure workgroup', () => {
    expect(JSON.stringify(states.DeleteRows.Resource)).toContain('athena:startQueryExecution.sync');
    expect(states.DeleteRows.Arguments!.QueryString).toContain('DELETE FROM');
    expect(states.DeleteRows.Arguments!.ExecutionParameters).toEqual([expect.stringContaining('$replace($subjectId')]);
    expect(states.EraseTableRows.Items).toEqual([{ database: 'prod_eu_curated', table: 'customers', column: 'customer_id' }]);
    built.template.hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: Match.objectLike({
        EnforceWorkGroupConfiguration: true,
        ResultConfiguration: Match.objectLike({ EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: { 'Fn::GetAtt': [logicalIdOf(built.key), 'Arn'] } } }),
      }),
    });
  });

  test('a tombstone request is queued for each compacted topic', () => {
    expect(states.SendTombstones.Items).toEqual([{ topic: 'crm.customers.cdc', dataset: 'customers' }]);
    expect(states.RequestTombstone.Arguments!.MessageBody).toContain('"value": null');
  });

  test('the tombstone queue is encrypted, TLS-only and has a dead-letter queue', () => {
    const queue = resourceOf(built.template, built.workflow.tombstoneQueue);
    expect(queue.Properties).toMatchObject({
      KmsMasterKeyId: { 'Fn::GetAtt': [logicalIdOf(built.key), 'Arn'] },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [logicalIdOf(built.workflow.tombstoneDeadLetterQueue), 'Arn'] }, maxReceiveCount: 5 },
    });
    built.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  test('the role deletes object versions only in the given buckets and queries only its workgroup', () => {
    const deleting = statements.filter((s) => actionsOf(s).includes('s3:DeleteObjectVersion'));
    expect(deleting).toHaveLength(1);
    expect(JSON.stringify(deleting[0].Resource)).toContain(logicalIdOf(built.raw));
    expect(JSON.stringify(deleting[0].Resource)).toContain(logicalIdOf(built.curated));
    const athena = statements.find((s) => s.Sid === 'RunErasureQueries')!;
    expect(actionsOf(athena).sort()).toEqual(['athena:GetQueryExecution', 'athena:StartQueryExecution', 'athena:StopQueryExecution']);
    expect(JSON.stringify(athena.Resource)).toContain('workgroup/');
    expect(statements.flatMap(actionsOf).filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
  });

  test('grantStartErasure lets a principal start executions and encrypt their input', () => {
    const granted = allRolePolicyStatements(built.template, built.requester).flatMap(actionsOf);
    expect(granted).toEqual(expect.arrayContaining(['states:StartExecution', 'kms:GenerateDataKey', 'kms:Decrypt']));
  });

  test('exposes metrics for failed erasures and a stalled tombstone producer', () => {
    expect(built.workflow.metricFailed().metricName).toBe('ExecutionsFailed');
    expect(built.workflow.metricOldestTombstoneRequestAge().metricName).toBe('ApproximateAgeOfOldestMessage');
  });
});

describe('ErasureWorkflow without tables or topics', () => {
  test('creates no Athena workgroup, no results bucket and no tombstone step', () => {
    const { template } = build({ tables: [], tombstones: [] });
    template.resourceCountIs('AWS::Athena::WorkGroup', 0);
    template.resourceCountIs('AWS::S3::Bucket', 3); // the test's own buckets only, no query-results bucket
    const { states } = statesOf(template);
    expect(states.SendTombstones).toBeUndefined();
    expect(auditSteps(states)).toEqual(['received', 'objects-erased', 'completed', 'failed']);
  });
});

describe('ErasureWorkflow fails if', () => {
  const make = (overrides: Partial<ErasureWorkflowProps>) => () => build(overrides);
  test.each<[string, Partial<ErasureWorkflowProps>, RegExp]>([
    ['no bucket is given', { buckets: [] }, /buckets: received none; allowed: the lake buckets/],
    ['a table name is not an identifier', { tables: [{ database: 'db', table: 'Bad-Name', subjectColumn: 'id', bucket: new s3.Bucket(new Stack(), 'X') }] }, /tables\[0\].table: received 'Bad-Name'; allowed: lowercase letters/],
    ['tables come without an access-log bucket', { serverAccessLogsBucket: undefined }, /serverAccessLogsBucket: received nothing; allowed: a bucket for the query-results bucket's access logs/],
    ['a topic name is invalid', { tombstones: [{ topic: 'bad topic', dataset: 'x' }] }, /tombstones\[0\].topic: received 'bad topic'/],
    ['maxConcurrency is out of range', { maxConcurrency: 0 }, /maxConcurrency: received 0; allowed: a whole number from 1 to 40/],
    ['the timeout is too short', { timeout: Duration.seconds(10) }, /timeout: received 10 seconds; allowed: 1 minute to 365 days/],
  ])('%s', (_name, overrides, expected) => {
    expect(make(overrides)).toThrow(expected);
  });
});
