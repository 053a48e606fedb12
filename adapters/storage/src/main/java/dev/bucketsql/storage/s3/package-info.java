/**
 * The object-store seam on S3 and S3-compatible servers (Garage, MinIO, S3Proxy): listing, HEAD,
 * ranged GETs with one range per request pinned to the ETag, streams that abort early and resume
 * after a broken connection, retries with backoff, and connect-time diagnostics that say what to
 * fix.
 */
package dev.bucketsql.storage.s3;
