/**
 * Following log groups live: the tail a viewer drains at its own pace and the factory a runner
 * package supplies, so the engine knows no log service.
 */
package dev.greenlight.engine.logs;
