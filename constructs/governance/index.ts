export * from './classification';
export * from './tags';
