package io.autoloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kustomize base and overlays of deploy/k8s render, and every object they render is valid for its model class
 * (Kubernetes' through fabric8, Strimzi's, the Prometheus operator's): known kind, no unknown field, every value of its
 * field's type.
 */
class KubernetesManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"deploy/k8s/base", "deploy/k8s/overlays/dev", "deploy/k8s/overlays/prod"})
    void everyRenderedObjectIsValidForItsModel(String kustomization) {
        // given the kustomization rendered
        List<ObjectNode> objects = KustomizeBuild.render(ServiceModules.root().resolve(kustomization));

        // when each object is checked against its model class
        List<String> problems = new ArrayList<>();
        objects.forEach(object -> problems.addAll(ModelCheck.problems(object)));

        // then none has a problem
        assertThat(objects).isNotEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void aFieldTheModelDoesNotKnowIsReportedWithItsPath() {
        // given a Deployment whose container has a misspelt field
        JsonNode deployment = deployment("{\"name\": \"app\", \"image\": \"app:1\", \"imagePullPolcy\": \"Always\"}");

        // when it is checked
        List<String> problems = ModelCheck.problems(deployment);

        // then the field is named with its path
        assertThat(problems)
                .containsExactly(
                        "apps/v1/Deployment app: unknown field spec.template.spec.containers[0].imagePullPolcy");
    }

    @Test
    void aStringWhereTheModelHasANumberIsRefused() {
        // given a Deployment whose replicas are a string
        ObjectNode deployment = deployment("{\"name\": \"app\", \"image\": \"app:1\"}");
        ((ObjectNode) deployment.get("spec")).put("replicas", "2");

        // when it is checked, then the value is refused
        assertThat(ModelCheck.problems(deployment)).singleElement().asString().contains("spec.replicas");
    }

    @Test
    void anApiVersionNoModelDeclaresIsRefused() {
        // given a Deployment of a retired API version
        ObjectNode deployment = deployment("{\"name\": \"app\", \"image\": \"app:1\"}");
        deployment.put("apiVersion", "extensions/v1beta1");

        // when it is checked, then no model class takes it
        assertThat(ModelCheck.problems(deployment))
                .singleElement()
                .asString()
                .startsWith("extensions/v1beta1/Deployment app: no model class declares extensions/v1beta1/Deployment");
    }

    private static ObjectNode deployment(String container) {
        try {
            return (ObjectNode) YamlDocuments.JSON.readTree("""
                    {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "app"},
                     "spec": {"selector": {"matchLabels": {"app": "app"}},
                              "template": {"metadata": {"labels": {"app": "app"}},
                                           "spec": {"containers": [%s]}}}}
                    """.formatted(container));
        } catch (Exception e) {
            throw new IllegalArgumentException("The test's Deployment is not JSON.", e);
        }
    }
}
