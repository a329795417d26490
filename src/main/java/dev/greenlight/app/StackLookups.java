package dev.greenlight.app;

import dev.greenlight.runners.aws.AwsSettings;

import java.time.Instant;

/**
 * What the window asks the deployed stack besides log lines: the log group a function writes to
 * and when the stack was last deployed. The AWS build answers it ({@link AwsTails}); the window
 * only knows this interface, not the AWS classes behind it.
 */
interface StackLookups {
    /** The log group of the function with this logical id in the stack (its own logging config first). */
    String lambdaGroup(AwsSettings settings, String stack, String logicalId) throws Exception;

    /** When the stack was last updated (or created); null when that cannot be found out. */
    Instant deployTime(AwsSettings settings, String stack);
}
