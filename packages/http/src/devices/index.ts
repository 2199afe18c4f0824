export { DeviceCredentials, DEVICE_CREDENTIALS, type DeviceRecord } from './credentials.js';
export { registerDeviceRoutes, withDeviceCredentials } from './routes.js';
export { devicePaths } from './openapi.js';
