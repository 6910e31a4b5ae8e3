package com.usepylon.jira.jiraclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JiraApiConfigTest {

    private final JiraApiConfig defaults = new SmallRyeConfigBuilder()
            .withConverter(Duration.class, 100, new DurationConverter())
            .withMapping(JiraApiConfig.class)
            .build()
            .unwrap(SmallRyeConfig.class)
            .getConfigMapping(JiraApiConfig.class);

    @Test
    void defaultBaseUrlPattern_allowsAtlassiansApiOnly() {
        Pattern allowed = Pattern.compile(defaults.apiBaseUrlPattern());

        String atlassian = "https://api.atlassian.com/ex/jira/2ff0b02f-5c1e-4d7a-9b6c-0e5f3a2d1c4b";

        assertThat(atlassian).matches(allowed);
        assertThat(atlassian + "/").matches(allowed);
        assertThat("http://api.atlassian.com/ex/jira/2ff0b02f").doesNotMatch(allowed);
        assertThat("https://apixatlassian.com/ex/jira/2ff0b02f").doesNotMatch(allowed);
        assertThat("https://api.atlassian.com.example.org/ex/jira/2ff0b02f").doesNotMatch(allowed);
        assertThat("https://example.org/?https://api.atlassian.com/ex/jira/2ff0b02f").doesNotMatch(allowed);
        assertThat("https://api.atlassian.com/ex/jira/2ff0b02f/../../other").doesNotMatch(allowed);
    }

    @Test
    void clientDefaults_areThePromisedOnes() {
        JiraApiConfig.Client client = defaults.client();

        assertThat(client.maxAttempts()).isEqualTo(4);
        assertThat(client.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(client.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
        assertThat(client.maxRetryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(client.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(client.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(client.pageSize()).isEqualTo(50);
        assertThat(defaults.encryptionKey()).isEmpty();
    }
}
