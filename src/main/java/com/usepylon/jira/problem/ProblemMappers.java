package com.usepylon.jira.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become responses. Every error leaves the service as
 * {@code application/problem+json}; server errors carry a reference id that is also logged, and
 * no response ever contains a stack trace or a Java class name.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        LOG.debugf("%s %s: %s", e.type().status(), uri.getPath(), e.type().uri());
        Response.ResponseBuilder response = respond(e.type(), e.detail(), uri, null, e.extensions());
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        LOG.debugf("401 %s: %s", uri.getPath(), e.getMessage());
        return respond(ProblemType.UNAUTHENTICATED, Credentials.missingOrInvalid(uri.getPath()), uri, null,
                Map.of())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(ProblemType.FORBIDDEN,
                "Only a Pylon admin may do this. Ask an admin of your organization to make the change.",
                uri, null, Map.of()).build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        return problem(ProblemException.invalidFields(e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> new ProblemException.InvalidField(fieldName(v), v.getMessage()))
                .toList()), uri);
    }

    /** Listed one by one because Quarkus ships mappers for these subtypes that would win otherwise. */
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class,
            InvalidFormatException.class, JsonParseException.class})
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return respond(ProblemType.MALFORMED_REQUEST, unreadableDetail(e), uri, null, Map.of()).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        if (e instanceof NotFoundException) {
            return respond(ProblemType.NOT_FOUND, "There is nothing at " + uri.getPath()
                    + ". Check the path against the API description at /q/openapi.", uri, null, Map.of())
                    .build();
        }
        if (e instanceof NotAllowedException) {
            return respond(ProblemType.METHOD_NOT_ALLOWED, "This path does not support that HTTP method."
                    + " See /q/openapi for the methods it supports.", uri, null, Map.of()).build();
        }
        if (e instanceof NotSupportedException) {
            return respond(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the request body as application/json.", uri, null, Map.of()).build();
        }
        if (e instanceof NotAcceptableException) {
            return respond(ProblemType.NOT_ACCEPTABLE,
                    "This endpoint answers with application/json; accept that media type.", uri, null,
                    Map.of()).build();
        }
        if (e.getResponse().getStatus() < 500) {
            return respond(ProblemType.MALFORMED_REQUEST,
                    "The request could not be read. Check it against the API description at /q/openapi.",
                    uri, null, Map.of()).build();
        }
        return unexpected(e, uri);
    }

    @ServerExceptionMapper
    public Response unavailable(DatabaseUnavailableException e, UriInfo uri) {
        String referenceId = UUID.randomUUID().toString();
        LOG.errorf(e, "503 %s [ref %s]: the database is unavailable", uri.getPath(), referenceId);
        return respond(ProblemType.SERVICE_UNAVAILABLE,
                "The service cannot reach its database. Nothing was changed; try again in a few seconds.",
                uri, referenceId, Map.of())
                .header(HttpHeaders.RETRY_AFTER, "5")
                .build();
    }

    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response unexpected(Throwable e, UriInfo uri) {
        String referenceId = UUID.randomUUID().toString();
        LOG.errorf(e, "500 %s [ref %s]", uri.getPath(), referenceId);
        return respond(ProblemType.INTERNAL_ERROR, "Something went wrong on our side. Try again; if it keeps"
                + " failing, contact Pylon support and quote reference " + referenceId + ".",
                uri, referenceId, Map.of()).build();
    }

    static Response.ResponseBuilder respond(ProblemType type, String detail, UriInfo uri, String referenceId,
            Map<String, Object> extensions) {
        Problem problem = new Problem(type.uri(), type.title(), type.status(), detail,
                uri == null ? null : uri.getPath(), referenceId, extensions);
        return Response.status(type.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // Method parameters show up as "method.argN.field"; the caller only knows the field.
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", List.of(parts).subList(2, parts.length))
                : parts[parts.length - 1];
    }

    private static String unreadableDetail(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
            return "The request body nests JSON objects and arrays too deeply (or has a value too long)."
                    + " Send a flatter body as described at /q/openapi.";
        }
        if (e instanceof JsonParseException) {
            return "The request body is not valid JSON. Send a JSON object as described at /q/openapi.";
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "Field '" + field + "' has the wrong type or format. Check it against /q/openapi.";
        }
        return "The request body does not have the expected shape."
                + " Send a JSON object as described at /q/openapi.";
    }
}
