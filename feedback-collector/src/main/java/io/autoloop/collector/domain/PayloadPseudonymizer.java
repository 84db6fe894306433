package io.autoloop.collector.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.autoloop.contracts.privacy.Pseudonymizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Consumes a refused event as the client sent it and produces the JSON text its dead letter keeps, with every piece
 * of personal data in it replaced by its pseudonym ({@link Pseudonymizer}, the one user ids get), so that
 * {@code feedback.rejected} holds no raw personal data however the event was misnamed or misplaced.
 *
 * <p>What is replaced, at any depth of the event:
 *
 * <ul>
 *   <li>the value of a field whose name is a known personal one ({@link #PERSONAL_NAMES}: compared in lower case with
 *       {@code _}, {@code -}, {@code .} and spaces left out, so {@code userId}, {@code user_id}, {@code USERID} and
 *       {@code user-id} are one name), whatever its JSON type: a scalar by the pseudonym of its text, an object or
 *       array by the pseudonym of its JSON text;
 *   <li>a string that contains an e-mail address, and a key that does;
 *   <li>inside {@code context}, a value that looks like an id: a string without white space that holds a digit
 *       ({@code u-42}, a UUID), a string of {@value #ID_DIGITS} or more digits however spaced (a phone number), or a
 *       whole number of {@value #ID_DIGITS} or more digits.
 * </ul>
 *
 * Everything else (types, times, item and event ids, the shape) stays as sent, since it is what explains the refusal.
 */
public final class PayloadPseudonymizer {

    /**
     * Field names that hold personal data, normalized: user, account, customer and device ids, contact details and
     * names.
     */
    public static final Set<String> PERSONAL_NAMES = Set.of(
            "userid",
            "user",
            "uid",
            "username",
            "login",
            "email",
            "emailaddress",
            "mail",
            "phone",
            "phonenumber",
            "mobile",
            "msisdn",
            "customerid",
            "accountid",
            "memberid",
            "personid",
            "deviceid",
            "anonymousid",
            "advertisingid",
            "idfa",
            "gaid",
            "ip",
            "ipaddress",
            "name",
            "firstname",
            "lastname",
            "fullname",
            "address");

    /** Digits from which a whole number in {@code context} is taken for an identifier. */
    static final int ID_DIGITS = 6;

    private static final String CONTEXT = "context";

    private final Pseudonymizer pseudonymizer;

    public PayloadPseudonymizer(Pseudonymizer pseudonymizer) {
        this.pseudonymizer = pseudonymizer;
    }

    /** The JSON text of {@code event}, refused in a request of {@code appId}, with its personal data pseudonymized. */
    public String payload(String appId, JsonNode event) {
        return pseudonymized(appId, event, false).toString();
    }

    /** Whether {@code name} is one of {@link #PERSONAL_NAMES} once normalized. */
    static boolean isPersonal(String name) {
        StringBuilder normalized = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && c != '-' && c != '.' && c != ' ') {
                normalized.append(c);
            }
        }
        return PERSONAL_NAMES.contains(normalized.toString().toLowerCase(Locale.ROOT));
    }

    private JsonNode pseudonymized(String appId, JsonNode node, boolean inContext) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String name = field.getKey();
                JsonNode value = field.getValue();
                String key = containsEmail(name) ? pseudonym(appId, name) : name;
                if (isPersonal(name) && !value.isNull()) {
                    copy.set(
                            key,
                            new TextNode(pseudonym(appId, value.isTextual() ? value.textValue() : value.toString())));
                } else {
                    copy.set(key, pseudonymized(appId, value, inContext || CONTEXT.equals(name)));
                }
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode(array.size());
            for (JsonNode element : array) {
                copy.add(pseudonymized(appId, element, inContext));
            }
            return copy;
        }
        if (node.isTextual() && (containsEmail(node.textValue()) || (inContext && looksLikeId(node.textValue())))) {
            return new TextNode(pseudonym(appId, node.textValue()));
        }
        if (inContext
                && node.isIntegralNumber()
                && node.asText().replace("-", "").length() >= ID_DIGITS) {
            return new TextNode(pseudonym(appId, node.asText()));
        }
        return node;
    }

    /**
     * Whether {@code text} holds an e-mail address: an {@code @} with a character before it and, after it, a run
     * without white space or another {@code @} that has a dot between two characters. One pass over the text.
     */
    static boolean containsEmail(String text) {
        int at = text.indexOf('@');
        while (at >= 0) {
            int next = -1;
            boolean dot = false;
            int end = at + 1;
            for (; end < text.length(); end++) {
                char c = text.charAt(end);
                if (c == '@') {
                    next = end;
                    break;
                }
                if (Character.isWhitespace(c)) {
                    break;
                }
                if (c == '.'
                        && end > at + 1
                        && end + 1 < text.length()
                        && !Character.isWhitespace(text.charAt(end + 1))) {
                    dot = true;
                }
            }
            if (dot && at > 0 && !Character.isWhitespace(text.charAt(at - 1))) {
                return true;
            }
            at = next >= 0 ? next : text.indexOf('@', end);
        }
        return false;
    }

    /** Whether {@code text} looks like an identifier: a digit and no white space, or {@value #ID_DIGITS} digits. */
    static boolean looksLikeId(String text) {
        int digits = 0;
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            space |= Character.isWhitespace(c);
            if (Character.isDigit(c)) {
                digits++;
            }
        }
        return digits >= ID_DIGITS || (digits > 0 && !space);
    }

    private String pseudonym(String appId, String text) {
        return pseudonymizer.pseudonymize(appId, text);
    }
}
