/**
 * What Greenlight keeps between runs, under {@link dev.greenlight.files.AppDirs}: settings, the
 * session of sign-offs and results per checklist and checkout, and the run history with its
 * append-only index, limits and the promotion of items that stayed green.
 */
package dev.greenlight.store;
