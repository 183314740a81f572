import { lifecycleFromTemplate, storageByTier } from '../../../lib/cost/storage';
import { PRICES } from '../../../lib/cost/prices';

const s3 = PRICES['us-east-1'].s3;

describe('storageByTier', () => {
  test('without lifecycle, month N holds N months of data in Standard', () => {
    const { tiers, monthly } = storageByTier(100, { transitions: [] }, 12, s3, 16);
    expect(tiers).toEqual([{ tier: 'STANDARD', gb: 1200, monthly: 1200 * 0.023 }]);
    expect(monthly).toBeCloseTo(27.6);
  });

  test('expiry bounds the volume; tiers split it by age', () => {
    const lifecycle = lifecycleFromTemplate({
      Rules: [
        { Id: 'storage-tiers', Status: 'Enabled', ExpirationInDays: 365, Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }, { StorageClass: 'STANDARD_IA', TransitionInDays: 30 }] },
        { Id: 'disabled', Status: 'Disabled', ExpirationInDays: 1 },
      ],
    });
    expect(lifecycle).toEqual({ transitions: [{ storageClass: 'STANDARD_IA', days: 30 }, { storageClass: 'GLACIER_IR', days: 90 }], expirationDays: 365 });
    const { tiers } = storageByTier(30, lifecycle, 24, s3, 16);
    expect(tiers.map((t) => [t.tier, t.gb])).toEqual([
      ['STANDARD', 30],
      ['STANDARD_IA', 60],
      ['GLACIER_IR', 275],
    ]);
  });

  test('fails if a storage class has no price, naming the priced classes', () => {
    expect(() => storageByTier(1, { transitions: [{ storageClass: 'REDUCED_REDUNDANCY', days: 0 }] }, 1, s3, 16)).toThrow(/storage class 'REDUCED_REDUNDANCY' has no price; allowed: STANDARD, /);
  });
});
