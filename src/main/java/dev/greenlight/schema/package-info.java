/**
 * The JSON Schema of checklist files and the runner reference, both generated from the runners'
 * own spec records and reference files so that neither can drift from what a runner accepts.
 */
package dev.greenlight.schema;
