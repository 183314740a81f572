export * from './alarm-topic';
export * from './alarm-topic-props';
