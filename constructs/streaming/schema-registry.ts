import { CfnResource, Stack } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { pascal } from './msk-cluster';
import { throwIfProblems } from './problems';
import { RegisteredSchemaOptions, SchemaRegistryProps } from './schema-registry-props';

/**
 * A Glue Schema Registry with one schema per topic. Every version in the repository
 * is registered in order, so the registry enforces the same compatibility the local
 * evolution gate checked before deployment.
 */
export class SchemaRegistry extends Construct {
  public readonly registryName: string;
  public readonly registryArn: string;
  public readonly resource: glue.CfnRegistry;
  private readonly schemas = new Map<string, glue.CfnSchema>();

  constructor(scope: Construct, id: string, props: SchemaRegistryProps) {
    super(scope, id);
    throwIfProblems(`SchemaRegistry '${this.node.path}'`, /^[A-Za-z0-9-_$#]{1,255}$/.test(props.registryName) ? [] : [
      { path: ['registryName'], received: props.registryName, allowed: "1-255 letters, digits, '-', '_', '$', '#'" },
    ]);
    this.resource = new glue.CfnRegistry(this, 'Resource', { name: props.registryName, description: props.description });
    this.registryName = props.registryName;
    this.registryArn = this.resource.attrArn;
  }

  /** Registers a schema and all its versions; returns the schema resource. */
  public addSchema(options: RegisteredSchemaOptions): glue.CfnSchema {
    const problems = [];
    if (!/^[A-Za-z0-9-_$#.]{1,255}$/.test(options.name)) problems.push({ path: ['name'], received: options.name, allowed: "1-255 letters, digits, '-', '_', '.', '$', '#'" });
    if (this.schemas.has(options.name)) problems.push({ path: ['name'], received: options.name, allowed: 'a name not registered yet' });
    if (options.versions.length === 0) problems.push({ path: ['versions'], received: [], allowed: 'at least one definition' });
    throwIfProblems(`schema of SchemaRegistry '${this.node.path}'`, problems);

    const id = `Schema${pascal(options.name)}`;
    const schema = new glue.CfnSchema(this, id, {
      name: options.name,
      registry: { arn: this.registryArn },
      dataFormat: options.dataFormat,
      compatibility: options.compatibility,
      schemaDefinition: options.versions[0],
      description: options.description,
    });
    let previous: CfnResource = schema;
    options.versions.slice(1).forEach((definition, i) => {
      const version = new glue.CfnSchemaVersion(this, `${id}V${i + 2}`, { schema: { schemaArn: schema.attrArn }, schemaDefinition: definition });
      version.addResourceDependency(previous);
      previous = version;
    });
    this.schemas.set(options.name, schema);
    return schema;
  }

  /** Lets `grantee` read schemas (serialisers and deserialisers look them up). */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['glue:GetRegistry', 'glue:GetSchema', 'glue:GetSchemaVersion', 'glue:GetSchemaByDefinition', 'glue:ListSchemaVersions'],
      resourceArns: [this.registryArn, this.schemaArnPattern()],
    });
  }

  private schemaArnPattern(): string {
    return Stack.of(this).formatArn({ service: 'glue', resource: 'schema', resourceName: `${this.registryName}/*` });
  }
}
