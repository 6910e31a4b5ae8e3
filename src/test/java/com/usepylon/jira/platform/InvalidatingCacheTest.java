package com.usepylon.jira.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InvalidatingCacheTest {

    private final InvalidatingCache<String, Integer> cache = new InvalidatingCache<>(2);
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void get_twice_loadsOnce() {
        cache.get("org", key -> loads.incrementAndGet());

        int second = cache.get("org", key -> loads.incrementAndGet());

        assertThat(second).isEqualTo(1);
        assertThat(loads).hasValue(1);
    }

    @Test
    void get_afterInvalidate_loadsAgain() {
        cache.get("org", key -> loads.incrementAndGet());

        cache.invalidate("org");

        assertThat(cache.get("org", key -> loads.incrementAndGet())).isEqualTo(2);
    }

    @Test
    void aLoadThatAnInvalidationOvertook_isNotKept() {
        int stale = cache.get("org", key -> {
            cache.invalidate("org"); // a change commits while this load still reads the old state
            return loads.incrementAndGet();
        });

        int next = cache.get("org", key -> loads.incrementAndGet());

        assertThat(stale).isEqualTo(1);
        assertThat(next).isEqualTo(2);
    }

    @Test
    void invalidateAll_dropsEveryKey() {
        cache.get("a", key -> loads.incrementAndGet());
        cache.get("b", key -> loads.incrementAndGet());

        cache.invalidateAll();

        assertThat(cache.get("a", key -> 10)).isEqualTo(10);
        assertThat(cache.get("b", key -> 20)).isEqualTo(20);
    }

    @Test
    void pastMaxEntries_startsOver_andStillAnswers() {
        cache.get("a", key -> 1);
        cache.get("b", key -> 2);

        cache.get("c", key -> 3);

        assertThat(cache.get("c", key -> 30)).isEqualTo(3);
        assertThat(cache.get("a", key -> 10)).isEqualTo(10);
    }
}
