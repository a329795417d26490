/**
 * Where Greenlight keeps its files and how it writes them (atomically): the one place every
 * package that stores something may depend on, so it depends on nothing of ours.
 */
package dev.greenlight.files;
