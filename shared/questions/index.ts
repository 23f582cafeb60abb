export * from './schema.js';
export * from './text.js';
export * from './order.js';
