/**
 * On-call help: from a pasted error to the items that explain it, and cold starts read from
 * Lambda's REPORT lines.
 */
package dev.greenlight.oncall;
