/**
 * Reads a checklist file into the model and reports every problem with its line: it sits above
 * the engine because checking a file needs the runners' types ({@link dev.greenlight.model.CheckTypes})
 * and the engine's ${variable} rules.
 */
package dev.greenlight.loader;
