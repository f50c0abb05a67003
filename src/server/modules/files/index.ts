// Uploaded files (document PDFs, chat attachments, MedCart images): the bytes in the file store
// under a random key, the row with name, type, size and SHA-256. Modules that keep files own a
// row pointing here; only this module writes `files`.
export { findFile, insertFile, type NewFile } from './repo';
export { requireUploadName, safeFilename, storeBytes } from './store';
