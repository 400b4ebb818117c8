/** The process's command connection to Redis (fail-fast in the API). */
export const REDIS = Symbol('REDIS');
