package com.usepylon.jira.problem;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Caps how deeply a JSON request body may nest objects and arrays
 * ({@code pylon.http.limits.max-json-nesting-depth}, 64 by default). Jackson's own default (1,000) lets
 * one small body make the parser, and whatever walks the parsed tree, recurse a thousand levels deep.
 * The cap is not lower because a Jira event is read whole, and a description or comment in Atlassian
 * Document Format (lists nested in a table cell) can legitimately nest about 40 levels. A deeper body
 * fails while it is read, and {@link ProblemMappers} answers it with a 400 {@code malformed-request}
 * problem.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    private final int maxNestingDepth;

    JsonLimits(@ConfigProperty(name = "pylon.http.limits.max-json-nesting-depth", defaultValue = "64")
            int maxNestingDepth) {
        this.maxNestingDepth = maxNestingDepth;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        StreamReadConstraints current = mapper.getFactory().streamReadConstraints();
        StreamReadConstraints capped = current.rebuild().maxNestingDepth(maxNestingDepth).build();
        mapper.getFactory().setStreamReadConstraints(capped);
    }
}
