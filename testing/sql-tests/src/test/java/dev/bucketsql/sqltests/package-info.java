/** SQL checked end to end: BucketSQL over the S3 test server against an oracle engine. */
package dev.bucketsql.sqltests;
