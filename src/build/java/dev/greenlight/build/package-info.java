/**
 * Build-time code: compiled into the image's jar by the pom's {@code dist} profile only, and run
 * by jlink/image.xml, never by a user.
 */
package dev.greenlight.build;
