export * from './apim-api-diagnostic';
export * from './apim-backend-pool';
export * from './provider';
export * from './resource';
export * from './update-resource';
export * from './apim-logger';
