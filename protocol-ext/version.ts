/** The custom protocol's version: bump the minor for additions, the major for breaking changes. */
export const PROTOCOL_VERSION = '0.1.0';
