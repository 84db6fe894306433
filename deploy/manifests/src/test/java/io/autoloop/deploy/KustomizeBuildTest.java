package io.autoloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer of deploy/k8s's kustomizations: resources, patches and namespace as kustomize applies them. */
class KustomizeBuildTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            spec:
              replicas: 2
              template:
                spec:
                  containers:
                    - name: app
                      image: app:1
                      args: ["--a", "--b"]
                      env:
                        - name: A
                          value: "1"
                    - name: sidecar
                      image: sidecar:1
            """;

    @TempDir
    Path folder;

    @Test
    void anOverlayPatchesTheBasesResourcesAndPlacesThemInItsNamespace() throws IOException {
        // given a base with a Deployment and a ConfigMap, and an overlay that patches the Deployment
        write("base/kustomization.yaml", "resources: [app.yaml, settings.yaml]\n");
        write("base/app.yaml", DEPLOYMENT);
        write(
                "base/settings.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  A: \"1\"\n");
        write("overlay/kustomization.yaml", "namespace: prod\nresources: [../base]\npatches:\n  - path: patch.yaml\n");
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  replicas: 6
                  template:
                    spec:
                      containers:
                        - name: app
                          args: ["--c"]
                          env:
                            - name: B
                              value: "2"
                """);

        // when the overlay is rendered
        List<ObjectNode> objects = KustomizeBuild.render(folder.resolve("overlay"));

        // then the Deployment is merged as kubectl kustomize merges it (containers and env by name, the patch's first;
        // other lists replaced), and both are in prod, in the order of the resources
        assertThat(objects)
                .extracting(object -> object.toString())
                .containsExactly(
                        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"app\",\"namespace\":\"prod\"},"
                                + "\"spec\":{\"replicas\":6,\"template\":{\"spec\":{\"containers\":["
                                + "{\"name\":\"app\",\"image\":\"app:1\",\"args\":[\"--c\"],"
                                + "\"env\":[{\"name\":\"B\",\"value\":\"2\"},{\"name\":\"A\",\"value\":\"1\"}]},"
                                + "{\"name\":\"sidecar\",\"image\":\"sidecar:1\"}]}}}}",
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"settings\",\"namespace\":\"prod\"},"
                                + "\"data\":{\"A\":\"1\"}}");
    }

    @Test
    void aNullInAPatchRemovesTheField() throws IOException {
        // given a patch that sets replicas to null
        write("kustomization.yaml", "resources: [app.yaml]\npatches:\n  - path: patch.yaml\n");
        write("app.yaml", DEPLOYMENT);
        write("patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: null\n");

        // when it is rendered, then the Deployment has no replicas
        assertThat(KustomizeBuild.render(folder).get(0).path("spec").has("replicas"))
                .isFalse();
    }

    @Test
    void aPatchOfAResourceThatIsNotThereIsRefused() throws IOException {
        // given a patch naming a Deployment the resources do not have
        write("kustomization.yaml", "resources: [app.yaml]\npatches:\n  - path: patch.yaml\n");
        write("app.yaml", DEPLOYMENT);
        write("patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: other\nspec:\n  replicas: 1\n");

        // when it is rendered, then the patch is refused
        assertThatThrownBy(() -> KustomizeBuild.render(folder))
                .hasMessageEndingWith("patches apps/v1 Deployment other, which no resource is.");
    }

    @Test
    void aFieldTheRendererDoesNotImplementIsRefused() throws IOException {
        // given a kustomization that sets common labels
        write("kustomization.yaml", "resources: [app.yaml]\ncommonLabels:\n  team: loop\n");
        write("app.yaml", DEPLOYMENT);

        // when it is rendered, then the field is named rather than ignored
        assertThatThrownBy(() -> KustomizeBuild.render(folder)).hasMessageContaining("uses 'commonLabels'");
    }

    private void write(String file, String text) throws IOException {
        Path path = folder.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
