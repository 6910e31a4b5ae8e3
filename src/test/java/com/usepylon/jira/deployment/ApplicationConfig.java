package com.usepylon.jira.deployment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the application itself says about its configuration: the values in
 * {@code application.properties}, and every property name it reads, taken from that file and from
 * the {@code @ConfigMapping} interfaces among its compiled classes.
 */
final class ApplicationConfig {

    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final String PRODUCTION = "%prod.";

    private final Properties properties = new Properties();

    private ApplicationConfig() {
        try (InputStream in = Files.newInputStream(PROPERTIES)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApplicationConfig load() {
        return new ApplicationConfig();
    }

    /** The value the production profile sees: its own, else the shared one. */
    Optional<String> production(String name) {
        return Optional.ofNullable(properties.getProperty(PRODUCTION + name))
                .or(() -> Optional.ofNullable(properties.getProperty(name)));
    }

    int httpPort() {
        return production("quarkus.http.port").map(Integer::parseInt).orElse(8080);
    }

    Duration shutdownTimeout() {
        return production("quarkus.shutdown.timeout").map(ApplicationConfig::duration).orElse(Duration.ZERO);
    }

    /** The path of a SmallRye Health endpoint, such as {@code ready}, under Quarkus' non-application root. */
    String healthPath(String endpointProperty, String defaultEndpoint) {
        String root = production("quarkus.http.non-application-root-path").orElse("q");
        String health = production("quarkus.smallrye-health.root-path").orElse("health");
        String endpoint = production("quarkus.smallrye-health." + endpointProperty).orElse(defaultEndpoint);
        return "/" + strip(root) + "/" + strip(health) + "/" + strip(endpoint);
    }

    String metricsPath() {
        String root = production("quarkus.http.non-application-root-path").orElse("q");
        return "/" + strip(root) + "/" + strip(production("quarkus.micrometer.export.prometheus.path")
                .orElse("metrics"));
    }

    /**
     * Every property name the application reads: the keys of {@code application.properties} (with any
     * profile prefix removed) and the names declared by its {@code @ConfigMapping} interfaces.
     */
    Set<String> knownPropertyNames() {
        Set<String> names = new TreeSet<>();
        properties.stringPropertyNames().forEach(name -> names.add(name.replaceFirst("^%[a-z]+\\.", "")));
        for (Class<?> mapping : mappingInterfaces()) {
            addMappedNames(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, names);
        }
        return names;
    }

    /** A property's name as an environment variable: upper case, every other character an underscore. */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** Quarkus durations: ISO-8601, a number of seconds, or a number and a unit such as {@code 25S}. */
    static Duration duration(String value) {
        String trimmed = value.trim().toUpperCase(Locale.ROOT);
        if (trimmed.startsWith("P")) {
            return Duration.parse(trimmed);
        }
        if (trimmed.matches("[0-9]+")) {
            return Duration.ofSeconds(Long.parseLong(trimmed));
        }
        return Duration.parse("PT" + trimmed);
    }

    private static void addMappedNames(String prefix, Class<?> mapping, Set<String> names) {
        for (Method method : mapping.getMethods()) {
            if (!Modifier.isAbstract(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            String name = prefix + "." + Optional.ofNullable(method.getAnnotation(WithName.class))
                    .map(WithName::value).orElseGet(() -> kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getName().startsWith("com.usepylon")) {
                addMappedNames(name, type, names); // a group of nested properties
            } else {
                names.add(name);
            }
        }
    }

    private static List<Class<?>> mappingInterfaces() {
        Path classes = compiledClasses();
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> classes.relativize(file).toString())
                    .map(file -> file.replaceFirst("\\.class$", "").replace('/', '.'))
                    .map(ApplicationConfig::loadQuietly)
                    .flatMap(Optional::stream)
                    .filter(type -> type.isAnnotationPresent(ConfigMapping.class))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path compiledClasses() {
        try {
            // application.properties is copied next to the compiled classes.
            return Path.of(ApplicationConfig.class.getClassLoader().getResource("application.properties")
                    .toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Class<?>> loadQuietly(String name) {
        try {
            return Optional.of(Class.forName(name, false, ApplicationConfig.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String strip(String path) {
        return path.replaceAll("^/+|/+$", "");
    }
}
