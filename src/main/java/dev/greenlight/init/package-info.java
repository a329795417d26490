/**
 * {@code greenlight init}: a checklist written from what a SAM/CloudFormation checkout holds, every
 * item with its reason, checked by loading it before it is written.
 */
package dev.greenlight.init;
