import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * An AWS service that may use a platform key on behalf of a caller, expressed in
 * key policies as `kms:ViaService` (`<service>.<region>.amazonaws.com`). A principal
 * granted the key can then use it only through these services, never directly.
 */
export class KeyService {
  public static readonly S3 = new KeyService('s3');
  public static readonly GLUE = new KeyService('glue');
  public static readonly ATHENA = new KeyService('athena');
  public static readonly KAFKA = new KeyService('kafka');
  public static readonly KINESIS = new KeyService('kinesis');
  public static readonly SNS = new KeyService('sns');
  public static readonly SQS = new KeyService('sqs');
  public static readonly SECRETS_MANAGER = new KeyService('secretsmanager');
  /** EBS volumes (EMR and broker storage). */
  public static readonly EC2 = new KeyService('ec2');
  public static readonly EMR = new KeyService('elasticmapreduce');
  public static readonly LAKE_FORMATION = new KeyService('lakeformation');
  public static readonly DYNAMODB = new KeyService('dynamodb');

  /** A service by its endpoint prefix, e.g. `KeyService.of('kafka')`. */
  public static of(name: string): KeyService {
    return new KeyService(name);
  }

  private constructor(
    /** Endpoint prefix of the service (`s3`, `kafka`, ...). */
    public readonly name: string,
  ) {
    if (!/^[a-z0-9-]+$/.test(name)) {
      throw new Error(`KeyService name must be a service endpoint prefix such as 's3'; received '${name}'`);
    }
  }

  /** The `kms:ViaService` value for this service in the scope's region (region-agnostic token-safe). */
  public viaServiceIn(scope: IConstruct): string {
    return `${this.name}.${Stack.of(scope).region}.${Stack.of(scope).urlSuffix}`;
  }
}
