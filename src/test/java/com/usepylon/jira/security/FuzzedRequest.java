package com.usepylon.jira.security;

import static io.restassured.RestAssured.given;

import com.usepylon.jira.support.Contract;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One generated request, with a note on how it was made, for the failure report.
 *
 * @param how how the request was generated, such as "the sample with /enable set to a wrong type"
 * @param query the query parameters in order; a name may repeat
 * @param contentType the {@code Content-Type} of the body; unused when there is no body
 * @param body the body's bytes exactly as sent, or null for none
 */
record FuzzedRequest(FuzzedOperation operation, String how, FuzzWorld.Caller caller,
        List<QueryParameter> query, String contentType, byte[] body) {

    /** Sends the bytes as they are: RestAssured must not add a charset to a content type it was given. */
    private static final RestAssuredConfig AS_GIVEN = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    private static final int SHOWN_CHARACTERS = 2_000;

    /**
     * A query parameter as the caller writes it, before URL encoding.
     *
     * @param value null for a bare name without {@code =}
     */
    record QueryParameter(String name, String value) {

        @Override
        public String toString() {
            return value == null ? name : name + "=" + value;
        }
    }

    /** Sends the request; the contract filter fails it if the response is not one openapi.yaml describes. */
    Response send(URI service) {
        RequestSpecification request = given().config(AS_GIVEN).baseUri(service.toString())
                .filter(Contract.FILTER);
        caller.headers().forEach(request::header);
        for (QueryParameter parameter : query) {
            if (parameter.value() == null) {
                request.queryParam(parameter.name());
            } else {
                request.queryParam(parameter.name(), parameter.value());
            }
        }
        if (body != null) {
            // RestAssured encodes a form body only from text; the form bodies here are JSON, all ASCII.
            request.contentType(contentType);
            if (contentType.startsWith("application/x-www-form-urlencoded")) {
                request.body(new String(body, StandardCharsets.UTF_8));
            } else {
                request.body(body);
            }
        }
        return request.request(operation.method().toUpperCase(), operation.path());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(operation + ", " + how + ", as " + caller.name());
        if (!query.isEmpty()) {
            text.append("\nQuery: ").append(visible(query.toString()));
        }
        if (body != null) {
            text.append("\nContent-Type: ").append(contentType).append(", ").append(body.length)
                    .append(" bytes: ").append(visible(new String(body, StandardCharsets.UTF_8)));
        }
        return text.toString();
    }

    /**
     * The start of the text, with control and non-ASCII characters as Java escapes, so that the report
     * shows what was sent and stays readable.
     */
    private static String visible(String text) {
        StringBuilder escaped = new StringBuilder();
        text.chars().limit(SHOWN_CHARACTERS).forEach(c -> escaped.append(c >= 0x20 && c < 0x7f
                ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return text.length() > SHOWN_CHARACTERS ? escaped + "... (" + text.length() + " characters)"
                : escaped.toString();
    }
}
