import { App, Stack, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagMessageLevel } from 'cdk-nag';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DATA_PLATFORM_RULES, DataPlatformChecks } from '../../../policies/packs/data-platform';
import { PlatformRule } from '../../../policies/rules/rule';

const RULES_DIR = path.join(__dirname, '..', '..', '..', 'policies', 'rules');

/** Rule files: every `.ts` under policies/rules except `private/`, `rule.ts` and `index.ts`. */
function ruleFiles(dir = RULES_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'private' ? [] : ruleFiles(full);
    return entry.name.endsWith('.ts') && dir !== RULES_DIR ? [full] : [];
  });
}

function isPlatformRule(value: unknown): value is PlatformRule {
  return typeof value === 'object' && value !== null && 'id' in value && 'check' in value && typeof value.check === 'function';
}

describe('inventory', () => {
  test('the pack holds exactly these rules, in this order', () => {
    expect(DATA_PLATFORM_RULES.map((r) => r.id)).toEqual([
      'CustomerManagedKey',
      'S3TlsRequired',
      'KmsKeyRotation',
      'S3AuditObjectLock',
      'S3LakeLifecycleTiers',
      'RequiredTags',
      'MskKafkaDurability',
    ]);
  });

  test('rule ids are unique and usable in an acknowledgement id', () => {
    const ids = DATA_PLATFORM_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Za-z0-9]+$/);
  });

  test.each(DATA_PLATFORM_RULES.map((r) => [r.id, r] as const))('%s is documented, mapped to a control and an error', (_, rule) => {
    expect(rule.info.trim()).not.toBe('');
    expect(rule.info).not.toContain('\n');
    expect(rule.explanation.trim()).not.toBe('');
    expect(rule.controls.length).toBeGreaterThan(0);
    for (const control of rule.controls) expect(control).toMatch(/^Curriculum [1-9] \(.+\): .+/);
    expect(rule.level).toBe(NagMessageLevel.ERROR);
  });

  test('every rule file under policies/rules exports one rule, and the pack holds it', async () => {
    const files = ruleFiles();
    const exported: PlatformRule[] = [];
    for (const file of files) {
      const rules = Object.values((await import(file)) as Record<string, unknown>).filter(isPlatformRule);
      expect({ file: path.relative(RULES_DIR, file), rules: rules.length }).toEqual({ file: path.relative(RULES_DIR, file), rules: 1 });
      exported.push(...rules);
    }
    expect(new Set(exported)).toEqual(new Set(DATA_PLATFORM_RULES));
    expect(files).toHaveLength(DATA_PLATFORM_RULES.length);
  });

  test('the pack announces its name and qualified rule ids', () => {
    const pack = new DataPlatformChecks();
    expect(pack.name).toBe('DataPlatform');
    expect(pack.readPackName).toBe('DataPlatform');
    expect(pack.ruleIds).toEqual(DATA_PLATFORM_RULES.map((r) => `DataPlatform-${r.id}`));
  });
});

describe('findings', () => {
  /** A stack with an unencrypted, untagged bucket and a key without rotation. */
  function insecureStack(app: App): Stack {
    const stack = new Stack(app, 'Test', { env: { account: '111111111111', region: 'eu-west-1' } });
    new s3.CfnBucket(stack, 'Bucket');
    new kms.CfnKey(stack, 'Key');
    return stack;
  }

  test('carry the rule info as description and error severity', () => {
    const stack = insecureStack(new App());
    const report = new DataPlatformChecks().validateScope(stack);
    expect(report.success).toBe(false);
    const summary = report.violations.map((v) => ({
      rule: v.ruleName,
      severity: v.severity,
      paths: v.violatingResources.map((r) => r.constructPath),
    }));
    expect(summary).toEqual([
      { rule: 'DataPlatform-CustomerManagedKey', severity: 'error', paths: ['Test/Bucket'] },
      { rule: 'DataPlatform-S3TlsRequired', severity: 'error', paths: ['Test/Bucket'] },
      { rule: 'DataPlatform-RequiredTags', severity: 'error', paths: ['Test/Bucket', 'Test/Key'] },
      { rule: 'DataPlatform-KmsKeyRotation', severity: 'error', paths: ['Test/Key'] },
    ]);
    const byRule = new Map(DATA_PLATFORM_RULES.map((r) => [`DataPlatform-${r.id}`, r]));
    for (const v of report.violations) expect(v.description).toBe(byRule.get(v.ruleName)?.info);
  });

  test('in verbose mode also explain the rule and name its controls', () => {
    const stack = insecureStack(new App());
    const [first] = new DataPlatformChecks(undefined, { verbose: true }).validateScope(stack).violations;
    expect(first.description).toContain('Controls: Curriculum 7 (Security & privacy)');
  });

  test('fail synthesis as a validation plugin; an acknowledged finding is reported as suppressed', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-platform-pack-'));
    try {
      const app = new App({ outdir });
      const stack = insecureStack(app);
      Validations.of(stack.node.findChild('Key')).acknowledge({
        id: 'DataPlatform::DataPlatform-KmsKeyRotation',
        reason: 'test: the acknowledgement path of the validation framework',
      });
      Validations.of(app).addPlugins(new DataPlatformChecks(app));
      expect(() => app.synth()).toThrow(/DataPlatform-CustomerManagedKey/);

      const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
        pluginReports: { pluginName: string; violations: { ruleName: string }[]; suppressedViolations?: { ruleName: string }[] }[];
      };
      const [plugin] = report.pluginReports;
      expect(plugin.pluginName).toBe('DataPlatform');
      expect(plugin.violations.map((v) => v.ruleName)).not.toContain('DataPlatform-KmsKeyRotation');
      expect((plugin.suppressedViolations ?? []).map((v) => v.ruleName)).toEqual(['DataPlatform-KmsKeyRotation']);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
