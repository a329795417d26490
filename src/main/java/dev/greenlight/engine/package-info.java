/**
 * Runs a checklist: the {@link dev.greenlight.engine.Runner} contract, the registry runners join,
 * the statuses and evidence a result carries, ${variables}, the checkout as a read-once workspace, and
 * the redaction every text passes through. It knows no runner, report format, store or window.
 */
package dev.greenlight.engine;
