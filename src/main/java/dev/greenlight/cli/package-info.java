/**
 * The command line: the commands, their options and exit codes (0, 1, 2), and the only code that
 * writes to standard output and error.
 */
package dev.greenlight.cli;
