package com.usepylon.jira.project;

/** The few fields of a project that the ticket form needs. */
public record ProjectRef(String id, String key, String name) {
}
