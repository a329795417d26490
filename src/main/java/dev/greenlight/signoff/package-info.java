/**
 * Sign-offs of items the machine could not decide: the rules, what a sign-off holds over (its basis)
 * and the fingerprint of the checklist it was made against.
 */
package dev.greenlight.signoff;
