package com.usepylon.jira.jiraclient;

import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Waits between attempts of a Jira call. A bean of its own so that tests can record the waits instead of
 * sleeping through them.
 */
@Singleton
public class Pause {

    public void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
