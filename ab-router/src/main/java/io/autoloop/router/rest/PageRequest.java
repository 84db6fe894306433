package io.autoloop.router.rest;

import io.autoloop.contracts.FieldError;
import io.autoloop.router.service.ranking.InvalidRequestException;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * One page of a list the router answers newest first: consumes the {@code limit} and {@code offset} query parameters
 * as sent (text, so that a malformed one is a 400 naming it) and produces the page's items with the headers a client
 * pages by: {@code X-Total-Count} and an RFC 8288 {@code Link} to the {@code next} and {@code prev} pages.
 *
 * @param limit how many items at the most, 1 to {@value #MAX_LIMIT}
 * @param offset how many of the newest items to skip, 0 or more
 */
public record PageRequest(int limit, int offset) {

    /** The most items one page holds. */
    public static final int MAX_LIMIT = 200;

    /** The page size when the request names none. */
    public static final int DEFAULT_LIMIT = 50;

    /**
     * The page the query parameters ask for: the defaults for absent ones.
     *
     * @throws InvalidRequestException naming {@code limit} or {@code offset} when one is not a whole number in range
     */
    public static PageRequest of(String limit, String offset) {
        List<FieldError> errors = new ArrayList<>();
        int size = parse("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
        int skip = parse("offset", offset, 0, 0, Integer.MAX_VALUE, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new PageRequest(size, skip);
    }

    /** The items of this page among {@code all}, answered with the total and the links to the pages beside it. */
    public <T> RestResponse<List<T>> answer(List<T> all, UriBuilder self) {
        int total = all.size();
        int from = Math.min(offset, total);
        int to = Math.min(total, from + limit);
        RestResponse.ResponseBuilder<List<T>> response = RestResponse.ResponseBuilder.ok(
                        List.copyOf(all.subList(from, to)))
                .header("X-Total-Count", total);
        List<String> links = new ArrayList<>();
        if (to < total) {
            links.add("<" + link(self, to) + ">; rel=\"next\"");
        }
        if (from > 0) {
            links.add("<" + link(self, Math.max(0, from - limit)) + ">; rel=\"prev\"");
        }
        if (!links.isEmpty()) {
            response.header("Link", String.join(", ", links));
        }
        return response.build();
    }

    private URI link(UriBuilder self, int at) {
        return self.clone()
                .replaceQueryParam("limit", limit)
                .replaceQueryParam("offset", at)
                .build();
    }

    private static int parse(String field, String text, int absent, int min, int max, List<FieldError> errors) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // Named below, like a number out of range.
        }
        String range = max == Integer.MAX_VALUE ? min + " or more" : "from " + min + " to " + max;
        errors.add(new FieldError(
                field, "The " + field + " must be a whole number " + range + ", but it is '" + text + "'."));
        return absent;
    }
}
