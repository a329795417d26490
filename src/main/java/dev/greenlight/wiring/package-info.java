/**
 * Puts the engine, the standard runners and the logs together the same way for the CLI and the
 * window, and provides the bundled sample checkout both offer a newcomer.
 */
package dev.greenlight.wiring;
