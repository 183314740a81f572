export * from './audit-trail';
export * from './audit-trail-props';
