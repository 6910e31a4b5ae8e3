package com.usepylon.jira.tenant;

/** The roles a Pylon JWT grants through its {@code groups} claim. An admin may do all a member may. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";

    private Roles() {
    }
}
