package com.usepylon.jira.jiraclient;

/** What a call to Jira is for: a fixed word for metrics, and words for a person in error messages. */
enum JiraOperation {
    PROJECT_SEARCH("project_search", "read the project list"),
    CONTENT_PROBE("content_probe", "read a project's issues");

    private final String tag;
    private final String action;

    JiraOperation(String tag, String action) {
        this.tag = tag;
        this.action = action;
    }

    /** The metric tag value; part of the metrics' contract, so never rename one. */
    String tag() {
        return tag;
    }

    /** What the call does, to finish a sentence such as "Jira did not answer Pylon's request to ...". */
    String action() {
        return action;
    }
}
