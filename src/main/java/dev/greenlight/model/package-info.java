/**
 * What a checklist is once read (sections, items, checks, troubleshooting), as plain records that
 * know nothing of running; {@link dev.greenlight.model.CheckTypes} is all they know of runners.
 */
package dev.greenlight.model;
