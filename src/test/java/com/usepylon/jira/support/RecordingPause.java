package com.usepylon.jira.support;

import com.usepylon.jira.jiraclient.Pause;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the waits between attempts of Jira calls instead of sleeping, so retry tests run at once. */
@Alternative
@Priority(1)
@Singleton
public class RecordingPause extends Pause {

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
    }

    /** The waits since the last {@link #reset()}, in order. */
    public List<Duration> waits() {
        return List.copyOf(waits);
    }

    public void reset() {
        waits.clear();
    }
}
