package com.usepylon.jira.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the service. When no external database is configured, an embedded PostgreSQL server is
 * started first so that a newcomer can run the service with a single command.
 */
@QuarkusMain
public final class Main {

    public static void main(String... args) {
        EmbeddedDatabase.startUnlessExternalConfigured();
        Quarkus.run(args);
    }
}
