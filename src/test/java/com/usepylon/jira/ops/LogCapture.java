package com.usepylon.jira.ops;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Collects every log record of the JVM while open, with the category's level lowered to DEBUG, so a
 * test can search what the service would have written to its log.
 */
final class LogCapture extends Handler implements AutoCloseable {

    /** One record, reduced to its text and its request id. */
    record Captured(String category, Level level, String message, String parameters, String thrown,
            String requestId) {

        /** Everything of the record a log line could show. */
        String text() {
            return message + "\n" + parameters + "\n" + thrown;
        }
    }

    private final List<Captured> records = new CopyOnWriteArrayList<>();
    private final Logger category;
    private final Level previousLevel;
    private final Logger root = Logger.getLogger("");

    private LogCapture(String categoryName) {
        this.category = Logger.getLogger(categoryName);
        this.previousLevel = category.getLevel();
        setLevel(Level.ALL);
        category.setLevel(org.jboss.logmanager.Level.DEBUG);
        root.addHandler(this);
    }

    /** Starts capturing, with {@code categoryName} logging at DEBUG until {@link #close()}. */
    static LogCapture debug(String categoryName) {
        return new LogCapture(categoryName);
    }

    List<Captured> records() {
        return List.copyOf(records);
    }

    @Override
    public void publish(LogRecord record) {
        String requestId = record instanceof ExtLogRecord ext ? ext.getMdc(RequestIds.MDC_KEY) : null;
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage()
                : new SimpleFormatter().formatMessage(record);
        String parameters = record.getParameters() == null ? ""
                : Arrays.stream(record.getParameters()).map(String::valueOf)
                        .collect(Collectors.joining("\n"));
        records.add(new Captured(record.getLoggerName(), record.getLevel(), String.valueOf(message),
                parameters, stackTrace(record.getThrown()), requestId));
    }

    @Override
    public void flush() {
        // Nothing is buffered.
    }

    @Override
    public void close() {
        root.removeHandler(this);
        category.setLevel(previousLevel);
    }

    private static String stackTrace(Throwable thrown) {
        if (thrown == null) {
            return "";
        }
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
