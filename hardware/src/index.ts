export * from './speech';
export * from './printer';
export * from './virtual-printer';
export * from './programs';
