/**
 * Connection settings for an S3 (or S3-compatible) bucket: the immutable {@link
 * dev.bucketsql.storage.config.S3Settings} and the {@link
 * dev.bucketsql.storage.config.S3SettingsResolver} that merges explicit keys, AWS profile files and
 * the environment into them, in a documented order.
 */
package dev.bucketsql.storage.config;
