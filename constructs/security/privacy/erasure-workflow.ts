import { Aws, Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { moveDefaultPolicyToManaged } from '../../private/managed-policy';
import { SecureBucket } from '../../storage/secure-bucket';
import { ErasureTable, ErasureWorkflowProps, TombstoneTarget } from './erasure-workflow-props';

/** Request identifiers: they name the audit log stream. */
export const REQUEST_ID_PATTERN = '^[A-Za-z0-9_.-]{1,64}$';
/** Subject identifiers accepted (no quotes: they reach an Athena parameter). */
export const SUBJECT_ID_PATTERN = '^[A-Za-z0-9_.:@+-]{1,128}$';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,254}$/;
const TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

/**
 * The right-to-erasure workflow: a Step Functions state machine that takes
 * `{ "requestId": "...", "subjectId": "..." }` and
 *
 * 1. opens an audit log stream `erasure/<requestId>` and records every step in it
 *    (request id, SHA-256 of the subject id, step, execution id: no raw identifier);
 * 2. finds the subject's objects in the subject index (DynamoDB: `subjectId` ->
 *    `location`, with `bucket` and `key` attributes, written by the pipelines that
 *    land per-subject objects) and deletes every version and delete marker of each
 *    object (`ListObjectVersions` + `DeleteObject` with `VersionId`), then its index entry;
 * 3. deletes the subject's rows from Iceberg tables with a parameterised Athena
 *    `DELETE` (files it rewrites become non-current versions, which the zone's
 *    lifecycle expires within the erasure deadline: the configuration checks it);
 * 4. asks for a tombstone (`key` = subject id, `value` = null) on each compacted
 *    topic by sending a request to the tombstone queue, which the streaming
 *    domain's producer consumes (contract in docs/privacy.md);
 * 5. records completion, or the failure and its cause.
 *
 * Everything is encrypted with customer-managed keys (index, state machine data,
 * queue, query results; the audit log group with the audit key), the index has
 * point-in-time recovery and deletion protection, and the state machine logs
 * every event and is traced with X-Ray. No Lambda function is involved: every
 * step is a Step Functions service integration.
 */
export class ErasureWorkflow extends Construct {
  /** Subject index: which objects hold a subject's data. */
  public readonly subjectIndex: dynamodb.Table;
  /** The state machine. */
  public readonly stateMachine: sfn.StateMachine;
  /** Audit log group: execution events and one stream of audit events per request. */
  public readonly auditLog: logs.LogGroup;
  /** Tombstone requests for the streaming domain's producer. */
  public readonly tombstoneQueue: sqs.Queue;
  /** Tombstone requests the producer failed to process. */
  public readonly tombstoneDeadLetterQueue: sqs.Queue;
  /** Athena workgroup of the table deletes (when tables are given). */
  public readonly workGroup?: athena.CfnWorkGroup;
  /** Athena query results of the table deletes (when tables are given). */
  public readonly queryResultsBucket?: SecureBucket;

  private readonly props: ErasureWorkflowProps;

  constructor(scope: Construct, id: string, props: ErasureWorkflowProps) {
    super(scope, id);
    validate(this, props);
    this.props = props;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const tables = props.tables ?? [];
    const tombstones = props.tombstones ?? [];

    this.subjectIndex = new dynamodb.Table(this, 'SubjectIndex', {
      partitionKey: { name: 'subjectId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'location', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: removalPolicy !== RemovalPolicy.DESTROY,
      removalPolicy,
    });

    this.auditLog = new logs.LogGroup(this, 'AuditLog', {
      encryptionKey: props.auditKey,
      retention: props.auditLogRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.tombstoneDeadLetterQueue = new sqs.Queue(this, 'TombstoneDeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.tombstoneQueue = new sqs.Queue(this, 'TombstoneRequests', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      visibilityTimeout: Duration.minutes(5),
      deadLetterQueue: { queue: this.tombstoneDeadLetterQueue, maxReceiveCount: 5 },
    });

    if (tables.length > 0) {
      this.queryResultsBucket = new SecureBucket(this, 'QueryResults', {
        encryptionKey: props.encryptionKey,
        serverAccessLogsBucket: props.serverAccessLogsBucket!,
        serverAccessLogsPrefix: 'erasure-query-results/',
        lifecycle: { expiration: Duration.days(7), noncurrentVersionExpiration: Duration.days(1) },
        removalPolicy,
      });
      this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
        name: Names.uniqueResourceName(this, { maxLength: 128, separator: '-' }),
        description: 'Erasure: row deletes in Iceberg tables',
        recursiveDeleteOption: false,
        workGroupConfiguration: {
          enforceWorkGroupConfiguration: true,
          publishCloudWatchMetricsEnabled: true,
          engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
          resultConfiguration: {
            outputLocation: this.queryResultsBucket.s3UrlForObject('erasure/'),
            encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: props.encryptionKey.keyArn },
          },
        },
      });
    }

    const body = this.buildDefinition(tables, tombstones);
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(body),
      queryLanguage: sfn.QueryLanguage.JSONATA,
      stateMachineType: sfn.StateMachineType.STANDARD,
      comment: 'Right to erasure: subject index -> object versions, Iceberg rows, topic tombstones; every step audited',
      timeout: props.timeout ?? Duration.days(1),
      tracingEnabled: true,
      encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(props.encryptionKey),
      // Execution data (the subject id) stays out of the logs; audit events carry its SHA-256.
      logs: { destination: this.auditLog, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    this.grantPermissions(tables);
    // The role's statements live in a customer-managed policy, never inline (NIST AC-6, HIPAA, PCI).
    moveDefaultPolicyToManaged(this.stateMachine.role as iam.Role, this, 'Policy', 'Erasure workflow: subject index, object versions, Iceberg deletes, audit log');
  }

  /** Lets a principal submit erasure requests (start executions of the encrypted state machine). */
  public grantStartErasure(grantee: iam.IGrantable): iam.Grant {
    this.props.encryptionKey.grant(grantee, 'kms:GenerateDataKey', 'kms:Decrypt');
    return this.stateMachine.grantStartExecution(grantee);
  }

  /** Lets a pipeline record which objects hold a subject's data. */
  public grantIndexWrite(grantee: iam.IGrantable): iam.Grant {
    return this.subjectIndex.grantWriteData(grantee);
  }

  /** Lets the streaming domain's producer consume tombstone requests. */
  public grantConsumeTombstoneRequests(grantee: iam.IGrantable): iam.Grant {
    return this.tombstoneQueue.grantConsumeMessages(grantee);
  }

  /** Erasures that failed (each is also recorded in the audit log). */
  public metricFailed(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stateMachine.metricFailed(props);
  }

  /** Erasures that completed. */
  public metricSucceeded(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stateMachine.metricSucceeded(props);
  }

  /** Tombstone requests waiting longest: the producer is behind or down. */
  public metricOldestTombstoneRequestAge(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.tombstoneQueue.metricApproximateAgeOfOldestMessage(props);
  }

  private buildDefinition(tables: readonly ErasureTable[], tombstones: readonly TombstoneTarget[]): sfn.IChainable {
    const stream = '{% "erasure/" & $requestId %}';
    const audit = (id: string, step: string, extra = '') =>
      tasks.CallAwsService.jsonata(this, id, {
        service: 'cloudwatchlogs',
        action: 'putLogEvents',
        iamAction: 'logs:PutLogEvents',
        iamResources: [this.auditLog.logGroupArn],
        parameters: {
          LogGroupName: this.auditLog.logGroupName,
          LogStreamName: stream,
          LogEvents: [
            {
              Timestamp: '{% $millis() %}',
              Message: `{% $string({"requestId": $requestId, "subjectSha256": $hash($subjectId, "SHA-256"), "step": "${step}", "execution": $states.context.Execution.Id${extra}}) %}`,
            },
          ],
        },
        outputs: '{% $states.input %}',
      });

    const validateRequest = sfn.Choice.jsonata(this, 'ValidateRequest');
    const rejected = sfn.Fail.jsonata(this, 'Rejected', {
      error: 'InvalidErasureRequest',
      cause: `input must be { "requestId": matching ${REQUEST_ID_PATTERN}, "subjectId": matching ${SUBJECT_ID_PATTERN} }`,
    });
    const accept = sfn.Pass.jsonata(this, 'Accept', {
      assign: { requestId: '{% $states.input.requestId %}', subjectId: '{% $states.input.subjectId %}' },
    });
    validateRequest
      .when(
        sfn.Condition.jsonata(
          `{% $type($states.input.requestId) = "string" and $type($states.input.subjectId) = "string" and $contains($states.input.requestId, /${REQUEST_ID_PATTERN}/) and $contains($states.input.subjectId, /${SUBJECT_ID_PATTERN}/) %}`,
        ),
        accept,
      )
      .otherwise(rejected);

    // 1. audit stream (a retried request reuses its stream)
    const openStream = tasks.CallAwsService.jsonata(this, 'OpenAuditStream', {
      service: 'cloudwatchlogs',
      action: 'createLogStream',
      iamAction: 'logs:CreateLogStream',
      iamResources: [this.auditLog.logGroupArn],
      parameters: { LogGroupName: this.auditLog.logGroupName, LogStreamName: stream },
      outputs: '{% $states.input %}',
    });
    const received = audit('AuditReceived', 'received');
    openStream.addCatch(received, { errors: ['CloudWatchLogs.ResourceAlreadyExistsException'], outputs: '{% $states.input %}' });

    // 2. indexed objects: query a page, erase it, repeat until the index holds nothing for the subject
    const queryIndex = tasks.CallAwsService.jsonata(this, 'QueryIndex', {
      service: 'dynamodb',
      action: 'query',
      iamResources: [this.subjectIndex.tableArn],
      parameters: {
        TableName: this.subjectIndex.tableName,
        KeyConditionExpression: 'subjectId = :s',
        ExpressionAttributeValues: { ':s': { S: '{% $subjectId %}' } },
        ConsistentRead: true,
        Limit: 100,
      },
      assign: { page: '{% $exists($states.result.Items) ? $states.result.Items : [] %}' },
      outputs: '{% $states.input %}',
    });
    const listVersions = tasks.CallAwsService.jsonata(this, 'ListVersions', {
      service: 's3',
      action: 'listObjectVersions',
      iamAction: 's3:ListBucketVersions',
      iamResources: this.props.buckets.map((b) => b.bucketArn),
      parameters: { Bucket: '{% $states.input.bucket.S %}', Prefix: '{% $states.input.key.S %}' },
      outputs:
        '{% {"bucket": $states.input.bucket.S, "key": $states.input.key.S, "location": $states.input.location.S, ' +
        '"versions": [($append($exists($states.result.Versions) ? $states.result.Versions : [], ' +
        '$exists($states.result.DeleteMarkers) ? $states.result.DeleteMarkers : []))[Key = $states.input.key.S].VersionId]} %}',
    });
    const deleteVersion = tasks.CallAwsService.jsonata(this, 'DeleteVersion', {
      service: 's3',
      action: 'deleteObject',
      iamAction: 's3:DeleteObjectVersion',
      iamResources: this.props.buckets.map((b) => b.arnForObjects('*')),
      parameters: { Bucket: '{% $states.input.bucket %}', Key: '{% $states.input.key %}', VersionId: '{% $states.input.versionId %}' },
    });
    deleteVersion.addRetry({ errors: ['S3.S3Exception', 'States.Timeout'], interval: Duration.seconds(2), maxAttempts: 4, backoffRate: 2 });
    const deleteVersions = sfn.Map.jsonata(this, 'DeleteVersions', {
      items: sfn.ProvideItems.jsonata('{% $states.input.versions %}'),
      itemSelector: { bucket: '{% $states.input.bucket %}', key: '{% $states.input.key %}', versionId: '{% $states.context.Map.Item.Value %}' },
      maxConcurrency: 10,
      outputs: '{% $states.input %}',
    }).itemProcessor(deleteVersion);
    const deleteIndexEntry = tasks.CallAwsService.jsonata(this, 'DeleteIndexEntry', {
      service: 'dynamodb',
      action: 'deleteItem',
      iamResources: [this.subjectIndex.tableArn],
      parameters: { TableName: this.subjectIndex.tableName, Key: { subjectId: { S: '{% $subjectId %}' }, location: { S: '{% $states.input.location %}' } } },
    });
    const eraseObjects = sfn.Map.jsonata(this, 'EraseObjects', {
      items: sfn.ProvideItems.jsonata('{% $page %}'),
      maxConcurrency: this.props.maxConcurrency ?? 10,
      outputs: '{% $states.input %}',
    }).itemProcessor(listVersions.next(deleteVersions).next(deleteIndexEntry));
    const objectsErased = audit('AuditObjectsErased', 'objects-erased');
    const pageEmpty = sfn.Choice.jsonata(this, 'IndexExhausted');
    pageEmpty.when(sfn.Condition.jsonata('{% $count($page) = 0 %}'), objectsErased).otherwise(eraseObjects);
    eraseObjects.next(queryIndex);

    let tail: sfn.Chain = sfn.Chain.start(objectsErased);

    // 3. Iceberg rows
    if (tables.length > 0) {
      const deleteRows = new sfn.CustomState(this, 'DeleteRows', {
        stateJson: {
          Type: 'Task',
          Resource: `arn:${Aws.PARTITION}:states:::athena:startQueryExecution.sync`,
          Arguments: {
            QueryString: '{% \'DELETE FROM "\' & $states.input.database & \'"."\' & $states.input.table & \'" WHERE "\' & $states.input.column & \'" = ?\' %}',
            ExecutionParameters: ['{% "\'" & $replace($subjectId, "\'", "\'\'") & "\'" %}'],
            WorkGroup: this.workGroup!.ref,
          },
          Output: '{% {"table": $states.input.database & "." & $states.input.table, "queryExecutionId": $states.result.QueryExecution.QueryExecutionId} %}',
        },
      });
      // Iceberg commits can conflict with a concurrent writer: retry with backoff.
      deleteRows.addRetry({ errors: ['States.TaskFailed'], interval: Duration.seconds(30), maxAttempts: 3, backoffRate: 2 });
      const eraseRows = sfn.Map.jsonata(this, 'EraseTableRows', {
        items: sfn.ProvideItems.jsonArray(tables.map((t) => ({ database: t.database, table: t.table, column: t.subjectColumn }))),
        maxConcurrency: 2,
        assign: { tablesErased: '{% $states.result.table %}' },
        outputs: '{% $states.input %}',
      }).itemProcessor(deleteRows);
      tail = tail.next(eraseRows).next(audit('AuditTableRowsErased', 'table-rows-erased', ', "tables": $tablesErased'));
    }

    // 4. tombstones on compacted topics
    if (tombstones.length > 0) {
      const requestTombstone = tasks.SqsSendMessage.jsonata(this, 'RequestTombstone', {
        queue: this.tombstoneQueue,
        messageBody: sfn.TaskInput.fromText(
          '{% $string({"topic": $states.input.topic, "dataset": $states.input.dataset, "key": $subjectId, "value": null, "requestId": $requestId}) %}',
        ),
        outputs: '{% $states.input.topic %}',
      });
      const sendTombstones = sfn.Map.jsonata(this, 'SendTombstones', {
        items: sfn.ProvideItems.jsonArray(tombstones.map((t) => ({ topic: t.topic, dataset: t.dataset }))),
        maxConcurrency: 5,
        assign: { topicsTombstoned: '{% $states.result %}' },
        outputs: '{% $states.input %}',
      }).itemProcessor(requestTombstone);
      tail = tail.next(sendTombstones).next(audit('AuditTombstonesRequested', 'tombstones-requested', ', "topics": $topicsTombstoned'));
    }
    tail.next(audit('AuditCompleted', 'completed'));

    const erase = sfn.Parallel.jsonata(this, 'Erase', { outputs: '{% {"requestId": $requestId, "status": "erased"} %}' }).branch(
      sfn.Chain.start(openStream).next(received).next(queryIndex).next(pageEmpty),
    );
    const failed = audit('AuditFailed', 'failed', ', "error": $error, "cause": $cause');
    erase.addCatch(failed, { errors: ['States.ALL'], assign: { error: '{% $states.errorOutput.Error %}', cause: '{% $states.errorOutput.Cause %}' } });
    const fail = sfn.Fail.jsonata(this, 'ErasureFailed', { error: '{% $error %}', cause: '{% $cause %}' });
    failed.addCatch(fail, { errors: ['States.ALL'] });
    failed.next(fail);

    accept.next(erase).next(sfn.Succeed.jsonata(this, 'Erased'));
    return validateRequest;
  }

  private grantPermissions(tables: readonly ErasureTable[]): void {
    // Object versions are listed and deleted through the ListVersions/DeleteVersion tasks' own statements.
    const role = this.stateMachine;
    if (tables.length === 0) return;
    const stack = Stack.of(this);
    this.queryResultsBucket!.grantReadWrite(role);
    role.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'RunErasureQueries',
        actions: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:StopQueryExecution'],
        resources: [stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.workGroup!.ref })],
      }),
    );
    const glueResources = new Set<string>([stack.formatArn({ service: 'glue', resource: 'catalog' })]);
    for (const t of tables) {
      glueResources.add(stack.formatArn({ service: 'glue', resource: 'database', resourceName: t.database }));
      glueResources.add(stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${t.database}/${t.table}` }));
      t.bucket.grantReadWrite(role, `${t.prefix ?? `${t.table}/`}*`);
    }
    role.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'CommitIcebergDeletes',
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions', 'glue:UpdateTable'],
        resources: [...glueResources],
      }),
    );
  }
}

function validate(scope: Construct, props: ErasureWorkflowProps): void {
  const problems: string[] = [];
  if (props.buckets.length === 0) problems.push('buckets: received none; allowed: the lake buckets the subject index points to');
  const concurrency = props.maxConcurrency ?? 10;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 40) {
    problems.push(`maxConcurrency: received ${concurrency}; allowed: a whole number from 1 to 40`);
  }
  (props.tables ?? []).forEach((t, i) => {
    for (const field of ['database', 'table', 'subjectColumn'] as const) {
      if (!IDENTIFIER.test(t[field])) problems.push(`tables[${i}].${field}: received '${t[field]}'; allowed: lowercase letters, digits and underscores`);
    }
  });
  if ((props.tables ?? []).length > 0 && !props.serverAccessLogsBucket) {
    problems.push('serverAccessLogsBucket: received nothing; allowed: a bucket for the query-results bucket\'s access logs (required with tables)');
  }
  (props.tombstones ?? []).forEach((t, i) => {
    if (!TOPIC.test(t.topic)) problems.push(`tombstones[${i}].topic: received '${t.topic}'; allowed: 1-249 letters, digits, dots, underscores or hyphens`);
  });
  const timeout = props.timeout?.toSeconds();
  if (timeout !== undefined && (timeout < 60 || timeout > 365 * 86400)) {
    problems.push(`timeout: received ${timeout} seconds; allowed: 1 minute to 365 days (Standard workflows run at most a year)`);
  }
  if (problems.length > 0) throw new Error(`Invalid ErasureWorkflow '${scope.node.path}':\n  - ${problems.join('\n  - ')}`);
}
