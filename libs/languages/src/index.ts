export * from './language.types';
export * from './catalog/index';
export * from './language-registry';
export * from './installed-version';
