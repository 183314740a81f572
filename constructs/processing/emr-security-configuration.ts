import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as emr from 'aws-cdk-lib/aws-emr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { KEY_ADMIN_ACTIONS } from '../encryption/platform-keys';
import { denyGrantsNotForAwsResources } from '../private/deny-foreign-grants';
import { EmrSecurityConfigurationProps } from './emr-security-configuration-props';
import { TlsCertificateProvider } from './tls-certificate-provider';

/** What instances and EMR need on the local disk key (LUKS data keys; EBS volume grants). */
const LOCAL_DISK_KEY_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'];

/**
 * An EMR security configuration built from typed props (no JSON in callers):
 *
 * - at rest: EMRFS writes to S3 with SSE-KMS (a default key plus per-bucket keys, so
 *   each lake zone keeps its classification key); local disks (instance store and
 *   EBS, root volume included) encrypted with a KMS key;
 * - in transit: TLS with the given certificate provider;
 * - IMDSv2 required on every node;
 * - optionally Kerberos with a cluster-dedicated KDC.
 */
export class EmrSecurityConfiguration extends Construct {
  /** The CloudFormation resource; its `ref` is the configuration's name. */
  public readonly resource: emr.CfnSecurityConfiguration;
  /** Key of local disks and EBS volumes. */
  public readonly localDiskKey: kms.IKey;
  /** Whether clusters using this configuration must be given Kerberos attributes. */
  public readonly kerberosEnabled: boolean;
  private readonly createdKey?: kms.Key;
  private readonly tls: TlsCertificateProvider;

  constructor(scope: Construct, id: string, props: EmrSecurityConfigurationProps) {
    super(scope, id);
    const problems = [...props.tlsCertificates.problems()];
    const hopLimit = props.metadataHopLimit ?? 1;
    if (!Number.isInteger(hopLimit) || hopLimit < 1 || hopLimit > 64) {
      problems.push(`metadataHopLimit: received ${hopLimit}; allowed: a whole number from 1 to 64`);
    }
    const lifetime = props.kerberos ? (props.kerberos.ticketLifetime ?? Duration.hours(24)).toHours({ integral: false }) : undefined;
    if (lifetime !== undefined && (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > 168)) {
      problems.push(`kerberos.ticketLifetime: received ${lifetime} hours; allowed: whole hours from 1 to 168`);
    }
    if (problems.length > 0) throw new Error(`Invalid EmrSecurityConfiguration '${this.node.path}':\n  - ${problems.join('\n  - ')}`);

    if (props.localDiskEncryptionKey) {
      this.localDiskKey = props.localDiskEncryptionKey;
    } else {
      this.createdKey = new kms.Key(this, 'LocalDiskKey', {
        description: `EMR local disk and EBS encryption (${this.node.path})`,
        enableKeyRotation: true,
        alias: props.localDiskKeyAlias,
        removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
        policy: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              sid: 'KeyAdministrationByAccount',
              principals: [new iam.AccountRootPrincipal()],
              actions: [...KEY_ADMIN_ACTIONS],
              resources: ['*'],
            }),
            denyGrantsNotForAwsResources(),
          ],
        }),
      });
      this.localDiskKey = this.createdKey;
    }
    this.kerberosEnabled = props.kerberos !== undefined;

    const overrides = (props.s3KeyOverrides ?? []).map((o) => ({ BucketName: o.bucket.bucketName, EncryptionMode: 'SSE-KMS', AwsKmsKey: o.key.keyArn }));
    this.resource = new emr.CfnSecurityConfiguration(this, 'Resource', {
      securityConfiguration: {
        EncryptionConfiguration: {
          EnableAtRestEncryption: true,
          EnableInTransitEncryption: true,
          AtRestEncryptionConfiguration: {
            S3EncryptionConfiguration: {
              EncryptionMode: 'SSE-KMS',
              AwsKmsKey: props.s3EncryptionKey.keyArn,
              ...(overrides.length > 0 ? { Overrides: overrides } : {}),
            },
            LocalDiskEncryptionConfiguration: {
              EncryptionKeyProviderType: 'AwsKms',
              AwsKmsKey: this.localDiskKey.keyArn,
              EnableEbsEncryption: true,
            },
          },
          InTransitEncryptionConfiguration: { TLSCertificateConfiguration: props.tlsCertificates.bind() },
        },
        ...(lifetime !== undefined
          ? {
              AuthenticationConfiguration: {
                KerberosConfiguration: { Provider: 'ClusterDedicatedKdc', ClusterDedicatedKdcConfiguration: { TicketLifetimeInHours: lifetime } },
              },
            }
          : {}),
        InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: 2, HttpPutResponseHopLimit: hopLimit },
      },
    });
    this.tls = props.tlsCertificates;
  }

  /** The configuration's name, for `AWS::EMR::Cluster` SecurityConfiguration. */
  public get securityConfigurationName(): string {
    return this.resource.ref;
  }

  /**
   * Lets a cluster use the configuration: the instance profile role reads the TLS
   * certificates and uses the local disk key; the EMR service role uses the key for
   * EBS volumes (with grants only for AWS resources). On a created key this goes in
   * the key policy (direct KMS calls carry no `kms:ViaService`); on a given key, in
   * the roles' policies (its owner's key policy must trust the account).
   */
  public grantClusterUse(instanceRole: iam.IRole, serviceRole: iam.IRole): void {
    this.tls.grantRead(instanceRole);
    if (!this.createdKey) {
      this.localDiskKey.grantEncryptDecrypt(instanceRole);
      this.localDiskKey.grantEncryptDecrypt(serviceRole);
      this.localDiskKey.grant(serviceRole, 'kms:CreateGrant');
      return;
    }
    const account = Stack.of(this).account;
    this.createdKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EmrNodesAndServiceUseLocalDiskKey',
        principals: [new iam.ArnPrincipal(instanceRole.roleArn), new iam.ArnPrincipal(serviceRole.roleArn)],
        actions: LOCAL_DISK_KEY_ACTIONS,
        resources: ['*'],
        conditions: { StringEquals: { 'kms:CallerAccount': account } },
      }),
    );
    this.createdKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EmrServiceGrantsForEbsVolumes',
        principals: [new iam.ArnPrincipal(serviceRole.roleArn)],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      }),
    );
  }
}
