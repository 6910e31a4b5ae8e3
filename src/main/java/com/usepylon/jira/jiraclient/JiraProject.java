package com.usepylon.jira.jiraclient;

/**
 * A project as Jira's project search reports it.
 *
 * @param id Jira's numeric project id, as text
 * @param key the project key, such as {@code SUP}
 * @param type Jira's {@code projectTypeKey}, such as {@code software} or {@code service_desk}
 * @param archived true if Jira reports the project as archived
 */
public record JiraProject(String id, String key, String name, String type, boolean archived) {
}
