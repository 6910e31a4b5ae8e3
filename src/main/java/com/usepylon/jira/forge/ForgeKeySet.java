package com.usepylon.jira.forge;

import com.usepylon.jira.problem.ProblemException;
import com.usepylon.jira.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Atlassian's Forge signing keys, cached. A token whose {@code kid} is not in the cache triggers one
 * fresh fetch (at most once per {@code jwks-min-refetch-interval}), so a key rotation at Atlassian
 * is picked up without a restart while forged {@code kid}s cannot make us hammer the key server.
 */
@ApplicationScoped
public class ForgeKeySet implements VerificationKeyResolver {

    private static final Logger LOG = Logger.getLogger(ForgeKeySet.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private final ForgeConfig config;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build();
    private volatile Snapshot snapshot;

    public ForgeKeySet(ForgeConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    private record Snapshot(List<JsonWebKey> keys, Instant fetchedAt) {

        Optional<Key> find(String kid) {
            return keys.stream()
                    .filter(key -> kid.equals(key.getKeyId()) && key instanceof RsaJsonWebKey)
                    .map(JsonWebKey::getKey)
                    .findFirst();
        }
    }

    @Override
    public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext)
            throws UnresolvableKeyException {
        String kid = jws.getKeyIdHeaderValue();
        if (kid == null) {
            throw new UnresolvableKeyException("The token names no signing key (kid)");
        }
        Snapshot current = current();
        Optional<Key> key = current.find(kid);
        if (key.isEmpty() && mayRefetch(current)) {
            key = refetch(current).find(kid);
        }
        return key.orElseThrow(() -> new UnresolvableKeyException("Unknown signing key " + kid));
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        boolean stale = current == null
                || current.fetchedAt().plus(config.jwksCacheTtl()).isBefore(clock.instant());
        return stale ? refetch(current) : current;
    }

    private boolean mayRefetch(Snapshot current) {
        Duration sinceFetch = Duration.between(current.fetchedAt(), clock.instant());
        // A clock that moved backwards must not block refetching until it catches up again.
        return sinceFetch.isNegative() || sinceFetch.compareTo(config.jwksMinRefetchInterval()) >= 0;
    }

    private synchronized Snapshot refetch(Snapshot seen) {
        if (snapshot != seen) {
            return snapshot; // another thread fetched while we waited
        }
        try {
            snapshot = new Snapshot(new JsonWebKeySet(load(config.jwksUrl())).getJsonWebKeys(),
                    clock.instant());
            LOG.debugf("Fetched %d Forge signing keys", snapshot.keys().size());
            return snapshot;
        } catch (IOException | JoseException | RuntimeException e) {
            if (seen != null) {
                LOG.warnf("Could not refresh the Forge signing keys from %s; keeping the cached ones: %s",
                        config.jwksUrl(), e.getMessage());
                return seen;
            }
            LOG.errorf(e, "Could not fetch the Forge signing keys from %s", config.jwksUrl());
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                    "The service cannot check Atlassian's signature right now. Try again in a minute.")
                    .withHeader("Retry-After", "30");
        }
    }

    private String load(String url) throws IOException {
        if (url.startsWith("classpath:")) {
            return loadResource(url.substring("classpath:".length()));
        }
        if (url.startsWith("file:")) {
            // "file:relative/path" and "file:///absolute/path" both name a local file.
            return Files.readString(Path.of(url.substring("file:".length())));
        }
        return loadHttp(url);
    }

    private static String loadResource(String name) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("No classpath resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String loadHttp(String url) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(FETCH_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("Key set answered " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while fetching the key set", e);
        }
    }
}
