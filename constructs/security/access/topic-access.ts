import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * What the persona construct needs from a streaming construct to give topic access.
 * The streaming cluster construct implements it; any other source of topic grants
 * (another cluster, a test double) can too.
 */
export interface TopicAccess {
  /** Lets `grantee` write to `topicName`. */
  grantProduce(grantee: iam.IGrantable, topicName: string): iam.Grant;
  /** Lets `grantee` read `topicName` as a member of consumer group `groupId`. */
  grantConsume(grantee: iam.IGrantable, topicName: string, groupId: string): iam.Grant;
}
