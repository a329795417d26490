/**
 * YAML read with the line and column of every node, and its syntax errors in plain words: foundation,
 * so it depends on nothing of ours.
 */
package dev.greenlight.yaml;
