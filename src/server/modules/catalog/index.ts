export { findService } from './repo';
export { catalogRoutes } from './routes';
export { createCatalogService } from './service';
