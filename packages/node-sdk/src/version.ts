/**
 * The plugin API this SDK implements, which is the SDK's major version: a plugin built against
 * `@sopline/node-sdk` 1.x loads into every Sopline whose plugin API is 1, and a Sopline refuses a plugin
 * that declares an SDK range without a 1.x version in it. Minor versions only add.
 */
export const PLUGIN_API_VERSION = 1;
