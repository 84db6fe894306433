package io.autoloop.router.testing;

import io.smallrye.config.WithDefault;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A configuration mapping interface answered from its own {@code @WithDefault} values, for plain unit tests of beans
 * that take the router's configuration: nested groups become nested proxies, {@code Optional}s are empty, maps are
 * empty, and {@code overrides} (method name → value) win.
 */
public final class DefaultConfig {

    private DefaultConfig() {}

    @SuppressWarnings("unchecked")
    public static <T> T of(Class<T> type, Map<String, Object> overrides) {
        return (T) Proxy.newProxyInstance(
                type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> answer(method, overrides));
    }

    private static Object answer(Method method, Map<String, Object> overrides) {
        if (overrides.containsKey(method.getName())) {
            return overrides.get(method.getName());
        }
        Class<?> type = method.getReturnType();
        WithDefault fallback = method.getAnnotation(WithDefault.class);
        if (fallback != null) {
            return convert(fallback.value(), type, method);
        }
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (type == Map.class) {
            return Map.of();
        }
        if (type.isInterface()) {
            return of(type, Map.of());
        }
        throw new IllegalStateException("No default for " + method.getName() + "; pass one as an override.");
    }

    private static Object convert(String value, Class<?> type, Method method) {
        if (type == String.class) {
            return value;
        }
        if (type == int.class) {
            return Integer.parseInt(value);
        }
        if (type == long.class) {
            return Long.parseLong(value);
        }
        if (type == double.class) {
            return Double.parseDouble(value);
        }
        if (type == boolean.class) {
            return Boolean.parseBoolean(value);
        }
        if (type == Duration.class) {
            return duration(value);
        }
        if (type == List.class
                && ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0] == Double.class) {
            return Arrays.stream(value.split(",")).map(Double::valueOf).toList();
        }
        throw new IllegalStateException("Cannot convert the default of " + method.getName() + " to " + type + ".");
    }

    private static Duration duration(String value) {
        String text = value.toLowerCase(Locale.ROOT);
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalStateException("Unknown duration " + value + ".");
        };
    }
}
