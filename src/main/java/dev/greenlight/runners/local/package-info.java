/**
 * Runners that need only the checkout and never AWS: files, templates, Dockerfiles, workflows, code,
 * git, and (with the person's consent) a local command. Also what a SAM checkout holds, for
 * {@code init}.
 */
package dev.greenlight.runners.local;
