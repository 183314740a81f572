import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EmrSecurityConfiguration } from '../../../constructs/processing/emr-security-configuration';
import { TlsCertificateProvider } from '../../../constructs/processing/tls-certificate-provider';
import { testStack } from '../../support/app';
import { keyPolicyStatements, rolePolicyStatements } from '../template-helpers';

describe('EmrSecurityConfiguration', () => {
  let stack: Stack;
  let template: Template;
  let config: EmrSecurityConfiguration;
  let s3Key: kms.Key;
  let zoneKey: kms.Key;
  let zone: s3.Bucket;
  let instanceRole: iam.Role;
  let serviceRole: iam.Role;

  beforeAll(() => {
    stack = testStack();
    s3Key = new kms.Key(stack, 'S3Key');
    zoneKey = new kms.Key(stack, 'ZoneKey');
    zone = new s3.Bucket(stack, 'Zone');
    const artifacts = new s3.Bucket(stack, 'Artifacts');
    config = new EmrSecurityConfiguration(stack, 'Security', {
      s3EncryptionKey: s3Key,
      s3KeyOverrides: [{ bucket: zone, key: zoneKey }],
      tlsCertificates: TlsCertificateProvider.pemZip(artifacts, 'tls/emr.zip'),
      kerberos: { ticketLifetime: Duration.hours(10) },
    });
    instanceRole = new iam.Role(stack, 'Instance', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    serviceRole = new iam.Role(stack, 'Service', { assumedBy: new iam.ServicePrincipal('elasticmapreduce.amazonaws.com') });
    config.grantClusterUse(instanceRole, serviceRole);
    template = Template.fromStack(stack);
  });

  const document = () => Object.values(template.findResources('AWS::EMR::SecurityConfiguration'))[0].Properties.SecurityConfiguration;

  test('encrypts EMRFS writes with SSE-KMS, with a per-bucket key override', () => {
    expect(document().EncryptionConfiguration.AtRestEncryptionConfiguration.S3EncryptionConfiguration).toEqual({
      EncryptionMode: 'SSE-KMS',
      AwsKmsKey: stack.resolve(s3Key.keyArn),
      Overrides: [{ BucketName: stack.resolve(zone.bucketName), EncryptionMode: 'SSE-KMS', AwsKmsKey: stack.resolve(zoneKey.keyArn) }],
    });
    expect(document().EncryptionConfiguration.EnableAtRestEncryption).toBe(true);
  });

  test('encrypts local disks and EBS volumes with a dedicated rotating key', () => {
    expect(document().EncryptionConfiguration.AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration).toEqual({
      EncryptionKeyProviderType: 'AwsKms',
      AwsKmsKey: stack.resolve(config.localDiskKey.keyArn),
      EnableEbsEncryption: true,
    });
    template.hasResourceProperties('AWS::KMS::Key', { Description: Match.stringLikeRegexp('EMR local disk'), EnableKeyRotation: true });
  });

  test('turns on TLS in transit with the PEM zip from S3', () => {
    expect(document().EncryptionConfiguration.EnableInTransitEncryption).toBe(true);
    const tls = document().EncryptionConfiguration.InTransitEncryptionConfiguration.TLSCertificateConfiguration;
    expect(tls.CertificateProviderType).toBe('PEM');
    expect(JSON.stringify(tls.S3Object)).toContain('/tls/emr.zip');
  });

  test('requires IMDSv2 with a hop limit of 1', () => {
    expect(document().InstanceMetadataServiceConfiguration).toEqual({ MinimumInstanceMetadataServiceVersion: 2, HttpPutResponseHopLimit: 1 });
  });

  test('configures a cluster-dedicated KDC with the ticket lifetime', () => {
    expect(config.kerberosEnabled).toBe(true);
    expect(document().AuthenticationConfiguration).toEqual({
      KerberosConfiguration: { Provider: 'ClusterDedicatedKdc', ClusterDedicatedKdcConfiguration: { TicketLifetimeInHours: 10 } },
    });
  });

  test('the local disk key policy names exactly the EMR roles, and no principal gets kms:*', () => {
    const statements = keyPolicyStatements(template, config.localDiskKey);
    expect(JSON.stringify(statements)).not.toContain('"kms:*"');
    const use = statements.find((s) => s.Sid === 'EmrNodesAndServiceUseLocalDiskKey')!;
    expect(use.Principal).toEqual({ AWS: [stack.resolve(instanceRole.roleArn), stack.resolve(serviceRole.roleArn)] });
    const grants = statements.find((s) => s.Sid === 'EmrServiceGrantsForEbsVolumes')!;
    expect(grants.Condition).toEqual({ Bool: { 'kms:GrantIsForAWSResource': 'true' } });
  });

  test('lets the instance profile read only the certificate object', () => {
    const resources = JSON.stringify(rolePolicyStatements(template, instanceRole).map((s) => s.Resource));
    expect(resources).toContain('/tls/emr.zip');
    expect(resources).not.toMatch(/\/\*"/);
  });
});

describe('EmrSecurityConfiguration without Kerberos, with a custom certificate provider and a given key', () => {
  test('omits authentication, names the provider class, and grants the given key through role policies', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Artifacts');
    const key = new kms.Key(stack, 'Key');
    const config = new EmrSecurityConfiguration(stack, 'Security', {
      s3EncryptionKey: key,
      localDiskEncryptionKey: key,
      tlsCertificates: TlsCertificateProvider.custom(bucket, 'tls/provider.jar', 'com.example.emr.TlsProvider'),
      metadataHopLimit: 2,
    });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    config.grantClusterUse(role, role);
    const template = Template.fromStack(stack);
    const doc = Object.values(template.findResources('AWS::EMR::SecurityConfiguration'))[0].Properties.SecurityConfiguration;
    expect(doc.AuthenticationConfiguration).toBeUndefined();
    expect(config.kerberosEnabled).toBe(false);
    expect(doc.EncryptionConfiguration.InTransitEncryptionConfiguration.TLSCertificateConfiguration).toMatchObject({
      CertificateProviderType: 'Custom',
      CertificateProviderClass: 'com.example.emr.TlsProvider',
    });
    expect(doc.InstanceMetadataServiceConfiguration.HttpPutResponseHopLimit).toBe(2);
    template.resourceCountIs('AWS::KMS::Key', 1);
    expect(JSON.stringify(rolePolicyStatements(template, role))).toContain('kms:CreateGrant');
  });
});

describe('EmrSecurityConfiguration fails if', () => {
  const build = (overrides: Partial<ConstructorParameters<typeof EmrSecurityConfiguration>[2]>, tls?: (b: s3.IBucket) => TlsCertificateProvider) => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'B');
    return () =>
      new EmrSecurityConfiguration(stack, 'S', {
        s3EncryptionKey: new kms.Key(stack, 'K'),
        tlsCertificates: tls ? tls(bucket) : TlsCertificateProvider.pemZip(bucket, 'certs.zip'),
        ...overrides,
      });
  };

  test('the PEM object is not a zip', () => {
    expect(build({}, (b) => TlsCertificateProvider.pemZip(b, 'certs.tar'))).toThrow(/tlsCertificates.key: received 'certs.tar'; allowed: an object key \(no leading '\/'\) ending in '.zip'/);
  });

  test('the custom provider is not a JAR or its class is not a Java class name', () => {
    expect(build({}, (b) => TlsCertificateProvider.custom(b, '/p.zip', 'not a class'))).toThrow(
      /tlsCertificates.jarKey: received '\/p.zip'.*\n.*tlsCertificates.className: received 'not a class'; allowed: a fully qualified Java class name/,
    );
  });

  test('the hop limit is out of range', () => {
    expect(build({ metadataHopLimit: 0 })).toThrow(/metadataHopLimit: received 0; allowed: a whole number from 1 to 64/);
  });

  test('the ticket lifetime is not whole hours from 1 to 168', () => {
    expect(build({ kerberos: { ticketLifetime: Duration.minutes(90) } })).toThrow(/kerberos.ticketLifetime: received 1.5 hours; allowed: whole hours from 1 to 168/);
    expect(build({ kerberos: { ticketLifetime: Duration.days(8) } })).toThrow(/received 192 hours/);
  });
});
