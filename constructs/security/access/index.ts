export * from './data-personas';
export * from './data-personas-props';
export * from './permission-boundary';
export * from './permission-boundary-props';
export * from './persona';
export * from './persona-trust';
export * from './topic-access';
