package com.usepylon.jira.audit;

/**
 * Who made a change.
 *
 * @param type which kind of identity {@code id} is
 * @param id the Pylon user id, the Jira account id, or null for the service itself
 */
public record Actor(Type type, String id) {

    public enum Type {
        /** A Pylon user, identified by the {@code sub} of their Pylon JWT. */
        PYLON_USER,
        /** A Jira user, identified by the {@code principal} of a Forge Invocation Token. */
        JIRA_USER,
        /** Jira or Atlassian itself, such as an app uninstall. */
        JIRA_SITE,
        /** This service, acting on its own. */
        SYSTEM
    }

    public static final Actor SERVICE = new Actor(Type.SYSTEM, null);

    public static Actor pylonUser(String userId) {
        return new Actor(Type.PYLON_USER, userId);
    }

    /** A call from the Atlassian app; a call without a principal was made by the site, not a person. */
    public static Actor jira(String accountId, String cloudId) {
        return accountId == null ? new Actor(Type.JIRA_SITE, cloudId) : new Actor(Type.JIRA_USER, accountId);
    }
}
