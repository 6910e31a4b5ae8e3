package com.usepylon.jira.problem;

/** The database could not be reached; the caller should retry, and nothing was changed. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(Throwable cause) {
        super("The database is unavailable", cause);
    }
}
