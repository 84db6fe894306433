package io.autoloop.router.service.ranking;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads a JSON object of features into a {@link FeatureMap} straight from the token stream: strings, integers,
 * decimals (as doubles), booleans and nulls as they are; a nested object or array is read whole so that validation
 * can name it.
 */
class FeatureMapDeserializer extends JsonDeserializer<Map<String, Object>> {

    private static final int INITIAL = 32;

    @Override
    public Map<String, Object> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.isExpectedStartObjectToken()) {
            return (FeatureMap) context.handleUnexpectedToken(FeatureMap.class, parser);
        }
        String[] names = new String[INITIAL];
        Object[] values = new Object[INITIAL];
        int size = 0;
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            Object value = switch (token) {
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT -> parser.getNumberValue();
                case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> context.readValue(parser, Object.class);
            };
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size] = value;
            size++;
        }
        return FeatureMap.of(names, values, size);
    }
}
