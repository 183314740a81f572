import * as kms from 'aws-cdk-lib/aws-kms';

export interface AlarmTopicProps {
  /** Key encrypting messages at rest; CloudWatch alarms are allowed to use it for this account. */
  readonly encryptionKey: kms.IKey;
  /**
   * Display name shown in notification e-mails and SMS.
   * @default - none
   */
  readonly displayName?: string;
}
