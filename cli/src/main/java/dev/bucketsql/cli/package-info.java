/** The {@code bucketsql} command line: subcommands, options and their help. */
package dev.bucketsql.cli;
