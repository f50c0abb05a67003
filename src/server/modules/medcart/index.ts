// MedCart: vital-sign readings entered by staff or posted by registered carts (typed rows, LOINC
// and UCUM, corrections that append), the carts and their tokens, and the session's images
// (screenshots from the call, uploads). Pushed to open session pages over the live channel.
export { cartRoutes } from './cart-routes';
export { createCartsService } from './carts';
export { medcartDataOf, medcartItemsOf } from './export';
export { createImagesService } from './images';
export { medcartLiveFeature } from './live';
export { createReadingsService } from './readings';
export { medcartRoutes } from './routes';
