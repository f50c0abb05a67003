export { findService, servicesQuery, toService } from './repo';
export { catalogRoutes } from './routes';
export { createCatalogService } from './service';
