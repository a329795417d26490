/**
 * Greenlight's own log file and the run log written into it, every line redacted; nothing here
 * writes to the console.
 */
package dev.greenlight.log;
