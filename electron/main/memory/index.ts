/** Memory accounting shared by the server's caches: a least-recently-used map bounded in bytes. */
export { ByteLru, jsonBytes, stringBytes, type ByteLruOptions } from './byteLru';
