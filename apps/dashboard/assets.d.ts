/** Stylesheets imported for their side effect: esbuild bundles them into <entry>.css. */
declare module '*.css';
