// Loose declarations of Node.js globals for TypeScript programs (Debian ships no @types/node).
declare var process: any;
declare var require: any;
declare var module: any;
declare var exports: any;
declare var __dirname: string;
declare var __filename: string;
declare var Buffer: any;
declare var global: any;
declare function setImmediate(callback: (...args: any[]) => void, ...args: any[]): any;
