import { EmrRelease } from '../../../constructs/processing/emr-release';

describe('EmrRelease', () => {
  test('parses a label into its version', () => {
    const release = EmrRelease.of('emr-7.5.0');
    expect([release.major, release.minor, release.patch]).toEqual([7, 5, 0]);
    expect(release.toString()).toBe('emr-7.5.0');
    expect(release.atLeast(7, 5)).toBe(true);
    expect(release.atLeast(7, 6)).toBe(false);
    expect(EmrRelease.EMR_6_15_0.atLeast(6, 11)).toBe(true);
  });

  test('fails if the label is malformed', () => {
    expect(() => EmrRelease.of('7.5.0')).toThrow(/EmrRelease: received '7.5.0'; allowed: a release label such as 'emr-7.5.0'/);
  });

  test('fails if the release is older than 6.11', () => {
    expect(() => EmrRelease.of('emr-6.10.1')).toThrow(/received 'emr-6.10.1'; allowed: emr-6.11.0 or later/);
    expect(() => EmrRelease.of('emr-5.36.0')).toThrow(/allowed: emr-6.11.0 or later/);
  });
});
