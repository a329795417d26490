package dev.greenlight.engine.logs;

import java.time.Instant;
import java.util.List;

/** Starts log tails; the AWS implementation polls CloudWatch Logs about once a second. */
public interface LogTailFactory {

    /**
     * @param groups        log group names, already resolved
     * @param since         first event time to deliver
     * @param filterPattern a CloudWatch Logs filter pattern, or null for everything
     */
    LogTail follow(List<String> groups, Instant since, String filterPattern);
}
