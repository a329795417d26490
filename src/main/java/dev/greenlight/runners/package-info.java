/**
 * The runners Greenlight ships, registered in {@link dev.greenlight.runners.StandardRunners}: adding
 * one is its class, one line there and its test.
 */
package dev.greenlight.runners;
