package io.autoloop.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks a Kubernetes object against the API's model classes: fabric8's for the built-in kinds and for the Prometheus
 * operator's {@code ServiceMonitor}, Strimzi's for {@code Kafka}, {@code KafkaNodePool} and {@code KafkaTopic}. The
 * object's apiVersion and kind must be those a class declares; every scalar must have the type its field declares (no
 * coercion of {@code "3"} to 3); and every field must be one the class knows. fabric8 and Strimzi keep fields they do
 * not know in {@code additionalProperties} instead of failing, so this check walks the deserialized object and reports
 * each such field with its path.
 */
final class ModelCheck {

    /** The classes the manifests may use, by {@code apiVersion/kind} as their annotations declare it. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Stream.<Class<? extends HasMetadata>>of(
                    ConfigMap.class,
                    Secret.class,
                    Service.class,
                    Deployment.class,
                    StatefulSet.class,
                    HorizontalPodAutoscaler.class,
                    PodDisruptionBudget.class,
                    ServiceMonitor.class,
                    Kafka.class,
                    KafkaNodePool.class,
                    KafkaTopic.class)
            .collect(Collectors.toMap(ModelCheck::typeOf, Function.identity()));

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private ModelCheck() {}

    /** What is wrong with {@code object}, one sentence each; empty when it is a valid object of a known kind. */
    static List<String> problems(JsonNode object) {
        String type =
                object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String name = type + " " + object.path("metadata").path("name").asText();
        Class<? extends HasMetadata> model = KINDS.get(type);
        if (model == null) {
            return List.of(name + ": no model class declares " + type + "; known: " + KINDS.keySet() + ".");
        }
        Object value;
        try {
            value = STRICT.treeToValue(object, model);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(step -> step.getFieldName() != null ? step.getFieldName() : "[" + step.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return List.of(name + ": " + path + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (JsonProcessingException e) {
            return List.of(name + ": " + e.getOriginalMessage());
        }
        List<String> problems = new ArrayList<>();
        unknownFields(value, "", problems);
        return problems.stream().map(problem -> name + ": " + problem).toList();
    }

    private static String typeOf(Class<? extends HasMetadata> model) {
        return HasMetadata.getApiVersion(model) + "/" + HasMetadata.getKind(model);
    }

    /** Walks the model objects under {@code value}, adding each field kept in additionalProperties as a sentence. */
    private static void unknownFields(Object value, String path, List<String> problems) {
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                unknownFields(element, path + "[" + i++ + "]", problems);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> unknownFields(element, path + "." + key, problems));
        } else if (value != null && isModel(value.getClass())) {
            additionalProperties(value)
                    .keySet()
                    .forEach(field -> problems.add("unknown field " + (path.isEmpty() ? "" : path + ".") + field));
            for (Class<?> type = value.getClass(); isModel(type); type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())
                            && !field.getName().equals("additionalProperties")) {
                        field.setAccessible(true);
                        try {
                            unknownFields(
                                    field.get(value),
                                    path.isEmpty() ? field.getName() : path + "." + field.getName(),
                                    problems);
                        } catch (IllegalAccessException e) {
                            throw new IllegalStateException("Could not read " + field + ".", e);
                        }
                    }
                }
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return name.startsWith("io.fabric8.") || name.startsWith("io.strimzi.");
    }

    private static Map<?, ?> additionalProperties(Object value) {
        try {
            Method getter = value.getClass().getMethod("getAdditionalProperties");
            Object properties = getter.invoke(value);
            return properties instanceof Map<?, ?> map ? map : Map.of();
        } catch (NoSuchMethodException e) {
            return Map.of();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not read the additional properties of " + value.getClass() + ".", e);
        }
    }
}
