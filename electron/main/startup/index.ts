export { lazyRequire } from './lazyRequire';
export { StartupWork } from './startupWork';
