import * as path from 'node:path';
import { isPermissive, productionPackages } from '../lib/licenses';

describe('licence policy', () => {
  test.each(['MIT', 'Apache-2.0', '(MIT OR GPL-3.0)', 'BSD-3-Clause AND MIT', '(Apache-2.0 OR (MIT AND ISC))'])('accepts %s', (spdx) => {
    expect(isPermissive(spdx)).toBe(true);
  });

  test.each(['GPL-3.0', 'AGPL-3.0-only', 'LGPL-2.1', 'MIT AND GPL-2.0', 'SSPL-1.0', 'UNLICENSED', '', undefined])('rejects %s', (spdx) => {
    expect(isPermissive(spdx)).toBe(false);
  });
});

describe('production dependencies', () => {
  const packages = productionPackages(path.join(__dirname, '..'));

  test('covers the direct dependencies and what aws-cdk-lib bundles', () => {
    const names = packages.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['aws-cdk-lib', 'cdk-nag', 'constructs', 'zod']));
    expect(packages.some((p) => p.location.startsWith('node_modules/aws-cdk-lib/node_modules/'))).toBe(true);
    expect(names).not.toContain('jest');
  });

  test('every one carries a permissive licence (no copyleft such as GPL/AGPL)', () => {
    const offenders = packages.filter((p) => !isPermissive(p.license)).map((p) => `${p.name}@${p.version}: ${p.license ?? 'no licence'}`);
    expect(offenders).toEqual([]);
  });
});
