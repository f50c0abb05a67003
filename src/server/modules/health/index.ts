export { healthRoutes } from './routes';
export type { ReadinessDeps } from './readiness';
