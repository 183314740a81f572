export * from './catalog';
export * from './catalog-props';
export * from './catalog-quality';
export * from './catalog-quality-props';
export * from './catalog-quality-rules';
export * from './classification';
export * from './tags';
