// Unit tests skip aws-cdk-lib's built-in CloudFormation schema validation (~2 s per
// synth); the compliance test (test/compliance/) turns it back on in strict mode.
process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';
// Privacy validation compares DPIA and attestation dates with PLATFORM_NOW (else today):
// pinned so the default profiles validate the same way whatever day the tests run.
process.env.PLATFORM_NOW = process.env.PLATFORM_NOW ?? '2026-11-25';
