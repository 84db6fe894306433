package io.autoloop.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoloop.contracts.AuditEntry;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.Topic;
import io.autoloop.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ContractJsonTest {

    private static final com.fasterxml.jackson.databind.ObjectMapper TREE =
            ContractJson.configure(new com.fasterxml.jackson.databind.ObjectMapper());

    static Stream<Arguments> everyTopicWithARecord() {
        return RecordExamples.byTopic().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyTopicWithARecord")
    <V> void everyRecordRoundTripsThroughItsTopicSerde(Topic<V> topic, V record) {
        JsonSerde<V> serde = topic.serde();

        byte[] bytes = serde.serialize(topic.name(), record);
        V back = serde.deserialize(topic.name(), bytes);

        assertThat(back).isEqualTo(record);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyTopicWithARecord")
    <V> void unknownFieldsAreTolerated(Topic<V> topic, V record) throws Exception {
        ObjectNode json = (ObjectNode) TREE.readTree(ContractJson.write(record));
        json.put("addedByANewerProducer", "ignored");

        V back = ContractJson.read(TREE.writeValueAsBytes(json), topic.valueType());

        assertThat(back).isEqualTo(record);
    }

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({
        "FeedbackEvent, eventId",
        "FeedbackEvent, type",
        "FeedbackEvent, userId",
        "FeedbackEvent, itemId",
        "FeedbackEvent, timestamp",
        "FeedbackEvent, appId",
        "FeedbackEvent, receivedAt",
        "FeedbackEvent, eventTime",
        "Decision, decisionId",
        "Decision, userId",
        "Decision, arm",
        "Decision, servedAt",
        "Decision, items",
        "LabelledSample, decisionId",
        "LabelledSample, userId",
        "LabelledSample, itemId",
        "LabelledSample, reason",
        "LabelledSample, arm",
        "LabelledSample, eventTime",
        "ModelVersion, name",
        "ModelVersion, version",
        "ModelVersion, createdAt",
        "ModelVersion, checksum",
        "ModelVersion, registryKey",
        "ArmStats, experimentId",
        "ArmStats, arm",
        "ArmStats, windowStart",
        "ArmStats, windowEnd",
        "ErrorReport, modelVersion",
        "ErrorReport, windowStart",
        "ErrorReport, windowEnd",
        "AuditEntry, id",
        "AuditEntry, at",
        "AuditEntry, service",
        "AuditEntry, actor",
        "AuditEntry, subject",
        "AuditEntry, action",
        "RejectedRecord, source",
        "RejectedRecord, reason",
        "RejectedRecord, rejectedAt"
    })
    void aMissingRequiredFieldIsRejectedWithAMessageNamingIt(String recordName, String field) throws Exception {
        Object record = RecordExamples.named(recordName);
        ObjectNode json = (ObjectNode) TREE.readTree(ContractJson.write(record));
        json.remove(field);
        byte[] bytes = TREE.writeValueAsBytes(json);

        assertThatThrownBy(() -> ContractJson.read(bytes, record.getClass()))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("'" + field + "'")
                .hasMessageContaining(recordName);
    }

    @Test
    void aMissingSchemaVersionIsReadAsTheCurrentOne() throws Exception {
        ObjectNode json = (ObjectNode) TREE.readTree(ContractJson.write(RecordExamples.named("Decision")));
        json.remove("schemaVersion");

        Decision back = ContractJson.read(TREE.writeValueAsBytes(json), Decision.class);

        assertThat(back.schemaVersion()).isEqualTo(Decision.SCHEMA_VERSION);
    }

    @Test
    void aSchemaVersionFromTheFutureIsRejected() {
        byte[] json = "{\"schemaVersion\":99,\"name\":\"ctr\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ContractJson.read(json, ModelVersion.class))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("schemaVersion 99");
    }

    @Test
    void anUnknownEventTypeNamesTheAcceptedOnes() {
        String json = new String(ContractJson.write(RecordExamples.named("FeedbackEvent")), StandardCharsets.UTF_8)
                .replace("\"rating\"", "\"swipe\"");

        assertThatThrownBy(() -> ContractJson.read(json.getBytes(StandardCharsets.UTF_8), FeedbackEvent.class))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("swipe")
                .hasMessageContaining("impression, click, rating, dwell, conversion");
    }

    @Test
    void consentDefaultsToTrueWhenAbsent() throws Exception {
        ObjectNode json = (ObjectNode) TREE.readTree(ContractJson.write(RecordExamples.named("LabelledSample")));
        json.remove("consent");

        LabelledSample back = ContractJson.read(TREE.writeValueAsBytes(json), LabelledSample.class);

        assertThat(back.consent()).isTrue();
    }

    @Test
    void instantsAreWrittenAsIsoText() {
        String json = new String(ContractJson.write(RecordExamples.named("AuditEntry")), StandardCharsets.UTF_8);

        assertThat(json).contains("\"at\":\"2026-11-30T10:15:30.123Z\"");
        assertThat(RecordExamples.named("AuditEntry")).isInstanceOf(AuditEntry.class);
    }

    @Test
    void everyTopicHasAnExample() {
        assertThat(RecordExamples.byTopic().keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }
}
