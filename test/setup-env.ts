// Unit tests skip aws-cdk-lib's built-in CloudFormation schema validation (~2 s per
// synth); the compliance test (test/compliance/) turns it back on in strict mode.
process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';
