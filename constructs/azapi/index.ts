export * from './apim-api-diagnostic';
export * from './apim-backend-pool';
export * from './apim-logger';
export * from './provider';
export * from './resource';
export * from './resource-action';
export * from './update-resource';
