export * from './host-port';
export * from './host-pattern';
export * from './non-public-range';
export * from './address-allowance';
