export { StartupWork } from './startupWork';
