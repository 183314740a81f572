export { DATA_PLATFORM_RULES, DataPlatformChecks } from './data-platform';
