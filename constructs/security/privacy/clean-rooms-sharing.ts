import { Stack } from 'aws-cdk-lib';
import * as cleanrooms from 'aws-cdk-lib/aws-cleanrooms';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { CleanRoomsSharingProps, DifferentialPrivacyBudget } from './clean-rooms-sharing-props';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,127}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DEFAULT_BUDGET: DifferentialPrivacyBudget = { epsilon: 3, usersNoisePerQuery: 30 };

/**
 * Analytics sharing through AWS Clean Rooms with differential privacy: each table
 * becomes a configured table (direct query) with a CUSTOM analysis rule whose
 * differential-privacy policy bounds the contribution of each user (the user
 * identifier column), restricted to the allowed columns. With a membership, the
 * tables are associated with the collaboration through a read-only role scoped to
 * each table's catalog entry and files, and the membership's privacy budget is set.
 */
export class CleanRoomsSharing extends Construct {
  /** Configured tables, by Glue table name. */
  public readonly configuredTables: ReadonlyMap<string, cleanrooms.CfnConfiguredTable>;
  /** Role Clean Rooms assumes to read the tables (with a membership). */
  public readonly role?: iam.Role;
  /** The membership's privacy budget template (with a membership). */
  public readonly budget?: cleanrooms.CfnPrivacyBudgetTemplate;

  constructor(scope: Construct, id: string, props: CleanRoomsSharingProps) {
    super(scope, id);
    const problems: string[] = [];
    if (props.tables.length === 0) problems.push('tables: received none; allowed: at least one table');
    props.tables.forEach((t, i) => {
      for (const field of ['database', 'table', 'userIdentifierColumn'] as const) {
        if (!IDENTIFIER.test(t[field])) problems.push(`tables[${i}].${field}: received '${t[field]}'; allowed: lowercase letters, digits and underscores`);
      }
      if (t.allowedColumns.length === 0) problems.push(`tables[${i}].allowedColumns: received none; allowed: at least one column`);
      if (!t.allowedColumns.includes(t.userIdentifierColumn)) {
        problems.push(`tables[${i}].userIdentifierColumn: received '${t.userIdentifierColumn}'; allowed: one of the allowed columns (${t.allowedColumns.join(', ')})`);
      }
    });
    const budget = props.budget ?? DEFAULT_BUDGET;
    if (!Number.isInteger(budget.epsilon) || budget.epsilon < 1 || budget.epsilon > 20) problems.push(`budget.epsilon: received ${budget.epsilon}; allowed: a whole number from 1 to 20`);
    if (!Number.isInteger(budget.usersNoisePerQuery) || budget.usersNoisePerQuery < 10 || budget.usersNoisePerQuery > 100) {
      problems.push(`budget.usersNoisePerQuery: received ${budget.usersNoisePerQuery}; allowed: a whole number from 10 to 100`);
    }
    if (props.membershipId !== undefined && !UUID.test(props.membershipId)) problems.push(`membershipId: received '${props.membershipId}'; allowed: a membership id (UUID)`);
    if (problems.length > 0) throw new Error(`Invalid CleanRoomsSharing '${this.node.path}':\n  - ${problems.join('\n  - ')}`);

    const stack = Stack.of(this);
    if (props.membershipId !== undefined) {
      this.role = new iam.Role(this, 'ReadRole', {
        assumedBy: new iam.ServicePrincipal('cleanrooms.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
        description: 'Clean Rooms reads the shared tables (catalog entries and files), nothing else',
      });
      this.budget = new cleanrooms.CfnPrivacyBudgetTemplate(this, 'Budget', {
        membershipIdentifier: props.membershipId,
        privacyBudgetType: 'DIFFERENTIAL_PRIVACY',
        autoRefresh: 'CALENDAR_MONTH',
        parameters: { epsilon: budget.epsilon, usersNoisePerQuery: budget.usersNoisePerQuery },
      });
    }

    const tables = new Map<string, cleanrooms.CfnConfiguredTable>();
    for (const t of props.tables) {
      const configured = new cleanrooms.CfnConfiguredTable(this, `${t.database}-${t.table}`, {
        name: `${t.database}_${t.table}`,
        description: t.description,
        analysisMethod: 'DIRECT_QUERY',
        allowedColumns: [...t.allowedColumns],
        tableReference: { glue: { databaseName: t.database, tableName: t.table } },
        analysisRules: [
          {
            type: 'CUSTOM',
            policy: {
              v1: {
                custom: {
                  allowedAnalyses: ['ANY_QUERY'],
                  differentialPrivacy: { columns: [{ name: t.userIdentifierColumn }] },
                },
              },
            },
          },
        ],
      });
      tables.set(t.table, configured);
      if (this.role === undefined || props.membershipId === undefined) continue;
      t.bucket.grantRead(this.role, `${t.prefix ?? `${t.table}/`}*`);
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: `ReadCatalog${tables.size}`,
          actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
          resources: [
            stack.formatArn({ service: 'glue', resource: 'catalog' }),
            stack.formatArn({ service: 'glue', resource: 'database', resourceName: t.database }),
            stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${t.database}/${t.table}` }),
          ],
        }),
      );
      new cleanrooms.CfnConfiguredTableAssociation(this, `${t.database}-${t.table}-Association`, {
        name: `${t.database}_${t.table}`,
        membershipIdentifier: props.membershipId,
        configuredTableIdentifier: configured.attrConfiguredTableIdentifier,
        roleArn: this.role.roleArn,
      });
    }
    this.configuredTables = tables;
  }
}
