package com.usepylon.jira.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Gives the HTTP server timer a few fixed latency buckets, so that alerts can ask how many event
 * deliveries took longer than Atlassian's 5 s timeout. A handful of buckets keeps the series count
 * small; Quarkus applies every {@link MeterFilter} bean to the registry.
 */
public class HttpLatencyBuckets {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";
    private static final double[] BUCKETS_NANOS = Stream.of(Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5))
            .mapToDouble(Duration::toNanos)
            .toArray();

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS_NANOS).build()
                        .merge(config);
            }
        };
    }
}
