export * from './client';
export * as schema from './schema';
export * from './repositories/events';
export * from './repositories/users';
export * from './repositories/sessions';
export * from './repositories/places';
export * from './repositories/technicians';
export * from './repositories/work-orders';
export * from './repositories/assignments';
