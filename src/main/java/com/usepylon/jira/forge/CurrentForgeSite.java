package com.usepylon.jira.forge;

import jakarta.enterprise.context.RequestScoped;

/** The verified site of the current Atlassian-side request, set by {@link ForgeAuthenticationFilter}. */
@RequestScoped
public class CurrentForgeSite {

    private ForgeSite site;

    void set(ForgeSite site) {
        this.site = site;
    }

    public ForgeSite get() {
        if (site == null) {
            throw new IllegalStateException("No verified Forge site; is the resource @ForgeAuthenticated?");
        }
        return site;
    }
}
