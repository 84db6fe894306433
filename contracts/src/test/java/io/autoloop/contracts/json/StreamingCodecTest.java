package io.autoloop.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.ServedItem;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link StreamingReader} and {@link StreamingWriter} against data binding: the same bytes written, the same records
 * read, the same errors for what the streaming path leaves to data binding, and the streaming path really taken for the
 * plain form.
 */
class StreamingCodecTest {

    private static final JsonFactory FACTORY =
            ContractJson.configure(JsonMapper.builder().build()).getFactory();
    private static final StreamingReader READER = new StreamingReader(FACTORY);
    private static final StreamingWriter WRITER = new StreamingWriter(FACTORY);

    private final Random random = new Random(20261130);

    @Test
    void feedbackEventsAreWrittenAndReadAsByDataBinding() {
        for (int i = 0; i < 2_000; i++) {
            FeedbackEvent event = randomEvent();
            byte[] bound = ContractJson.writeBound(event);
            byte[] streamed = WRITER.write(event);
            assertThat(streamed).as("streaming writer took %s", event).isNotNull();
            assertThat(new String(streamed, StandardCharsets.UTF_8))
                    .isEqualTo(new String(bound, StandardCharsets.UTF_8));
            FeedbackEvent read = READER.read(bound, FeedbackEvent.class);
            assertThat(read)
                    .as("streaming reader took %s", new String(bound, StandardCharsets.UTF_8))
                    .isNotNull();
            assertThat(read).isEqualTo(ContractJson.readBound(bound, FeedbackEvent.class));
            assertThat(ContractJson.read(bound, FeedbackEvent.class)).isEqualTo(read);
            assertThat(ContractJson.write(event)).isEqualTo(bound);
        }
    }

    @Test
    void labelledSamplesAreWrittenAsByDataBinding() {
        for (int i = 0; i < 2_000; i++) {
            LabelledSample sample = randomSample();
            byte[] streamed = WRITER.write(sample);
            assertThat(streamed).as("streaming writer took %s", sample).isNotNull();
            assertThat(new String(streamed, StandardCharsets.UTF_8))
                    .isEqualTo(new String(ContractJson.writeBound(sample), StandardCharsets.UTF_8));
        }
    }

    @Test
    void decisionsAreReadAsByDataBinding() {
        for (int i = 0; i < 1_000; i++) {
            byte[] json = ContractJson.writeBound(randomDecision());
            Decision read = READER.read(json, Decision.class);
            assertThat(read)
                    .as("streaming reader took %s", new String(json, StandardCharsets.UTF_8))
                    .isNotNull();
            assertThat(read).isEqualTo(ContractJson.readBound(json, Decision.class));
        }
    }

    @Test
    void valuesDataBindingWritesOtherwiseAreLeftToIt() {
        FeedbackEvent event = withContext(Map.of("ratio", 0.5f, "big", new BigInteger("123456789012345678901234")));
        assertThat(WRITER.write(event)).isNull();
        assertThat(ContractJson.write(event)).isEqualTo(ContractJson.writeBound(event));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // the plain form, reordered, spaced, with unknown fields of every shape
                "{'eventId':'e','type':'click','userId':'u','itemId':'i','timestamp':'2026-11-30T10:00:00Z',"
                        + "'appId':'a','receivedAt':'2026-11-30T10:00:01.5Z','eventTime':'2026-11-30T10:00:00Z'}",
                "{ 'eventTime' : '2026-11-30T10:00:00Z' , 'x':{'y':[1,{'z':null}]}, 'eventId':'e','type':'click',"
                        + "'userId':'u','itemId':'i','timestamp':'2026-11-30T10:00:00Z','appId':'a','w':[],"
                        + "'receivedAt':'2026-11-30T10:00:01Z','schemaVersion':1}",
                // nulls of optional fields, numbers and booleans of every kind in the context
                "{'eventId':'e','type':'rating','userId':'u','itemId':'i','decisionId':null,'sentAt':null,"
                        + "'value':null,'consent':null,'context':{'n':1,'l':12345678901,'b':123456789012345678901234,"
                        + "'d':1.5e-7,'f':-0.0,'t':true,'s':'\\u00e9\\ud83d\\ude00','e':''},"
                        + "'timestamp':'2026-11-30T10:00:00Z','appId':'a','receivedAt':'2026-11-30T10:00:01Z',"
                        + "'eventTime':'2026-11-30T10:00:00Z'}",
                "{'eventId':'e','type':'dwell','userId':'u','itemId':'i','value':1,'consent':false,'context':null,"
                        + "'timestamp':'2026-11-30T10:00:00Z','appId':'a','receivedAt':'2026-11-30T10:00:01Z',"
                        + "'eventTime':'2026-11-30T10:00:00Z'} trailing",
                // what data binding coerces, reads in another form, or refuses
                "{'eventId':'e','type':'click','userId':'u','itemId':'i','schemaVersion':'1','value':'2.5',"
                        + "'timestamp':'2026-11-30T10:00:00Z','appId':'a','receivedAt':'2026-11-30T10:00:01Z',"
                        + "'eventTime':'2026-11-30T10:00:00Z'}",
                "{'eventId':7,'type':'click','userId':'u','itemId':'i','consent':'false',"
                        + "'timestamp':'2026-11-30T10:00:00Z','appId':'a','receivedAt':'2026-11-30T10:00:01Z',"
                        + "'eventTime':'2026-11-30T10:00:00Z'}",
                "{'eventId':'e','eventId':'f','type':'click','userId':'u','itemId':'i',"
                        + "'timestamp':'2026-11-30T10:00:00Z','appId':'a','receivedAt':'2026-11-30T10:00:01Z',"
                        + "'eventTime':'2026-11-30T10:00:00Z'}",
                "{'eventId':'e','type':'click','userId':'u','itemId':'i','timestamp':'2026-11-30T11:00:00+01:00',"
                        + "'appId':'a','receivedAt':1796032800,'eventTime':'2026-11-30T10:00:00Z'}",
                "{'eventId':'e','type':'click','userId':'u','itemId':'i','context':{'nested':{'a':1}},"
                        + "'timestamp':'2026-11-30T10:00:00Z','appId':'a','receivedAt':'2026-11-30T10:00:01Z',"
                        + "'eventTime':'2026-11-30T10:00:00Z'}",
                "{'eventId':'e','type':'click','userId':'u','itemId':'i','context':{'gone':null},"
                        + "'timestamp':'2026-11-30T10:00:00Z','appId':'a','receivedAt':'2026-11-30T10:00:01Z',"
                        + "'eventTime':'2026-11-30T10:00:00Z'}",
                "{'eventId':'e','type':'CLICK','userId':'u','itemId':'i','timestamp':'2026-11-30T10:00:00Z',"
                        + "'appId':'a','receivedAt':'2026-11-30T10:00:01Z','eventTime':'2026-11-30T10:00:00Z'}",
                "{'eventId':'e','type':'click','userId':'u','itemId':'i','schemaVersion':99,"
                        + "'timestamp':'2026-11-30T10:00:00Z','appId':'a','receivedAt':'2026-11-30T10:00:01Z',"
                        + "'eventTime':'2026-11-30T10:00:00Z'}",
                "{'eventId':'e','type':'click','userId':'u','itemId':'i','schemaVersion':12345678901,"
                        + "'timestamp':'2026-11-30T10:00:00Z','appId':'a','receivedAt':'2026-11-30T10:00:01Z',"
                        + "'eventTime':'2026-11-30T10:00:00Z'}",
                "{'eventId':'e','type':'click','itemId':'i','timestamp':'2026-11-30T10:00:00Z','appId':'a',"
                        + "'receivedAt':'2026-11-30T10:00:01Z','eventTime':'2026-11-30T10:00:00Z'}",
                "{'eventId':'e','type':'click','userId':'u','itemId':'i','timestamp':'2026-11-30T10:00:00Z'",
                "[{'eventId':'e'}]",
                "null",
                ""
            })
    void everyFeedbackEventTextReadsAsWithDataBinding(String text) {
        assertSameOutcome(text, FeedbackEvent.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{'decisionId':'d','userId':'u','arm':'champion','servedAt':'2026-11-30T10:00:00Z','x':[1,2],"
                        + "'items':[{'itemId':'i','position':1,'score':0,'propensity':1,'features':{'user':"
                        + "{'s':'a','n':2},'item':null,'context':{}}},{'position':2,'itemId':'j','score':-1.5e3,"
                        + "'propensity':0.25,'extra':{'a':[]}}]}",
                "{'decisionId':'d','userId':'u','experimentId':null,'modelVersion':null,'arm':'challenger',"
                        + "'servedAt':'2026-11-30T10:00:00.123456789Z','items':[{'itemId':'i','position':1,"
                        + "'score':0.5,'propensity':0.5}]}",
                "{'decisionId':'d','userId':'u','arm':'champion','servedAt':'2026-11-30T10:00:00Z',"
                        + "'items':[{'itemId':'i','position':'1','score':0.5,'propensity':0.5}]}",
                "{'decisionId':'d','userId':'u','arm':'champion','servedAt':'2026-11-30T10:00:00Z',"
                        + "'items':[{'itemId':'i','position':1.0,'score':0.5,'propensity':0.5}]}",
                "{'decisionId':'d','userId':'u','arm':'champion','servedAt':'2026-11-30T10:00:00Z',"
                        + "'items':[{'itemId':'i','position':0,'score':0.5,'propensity':0.5}]}",
                "{'decisionId':'d','userId':'u','arm':'champion','servedAt':'2026-11-30T10:00:00Z',"
                        + "'items':[{'itemId':'i','position':1,'score':0.5,'propensity':0.5,'features':{'u':[1]}}]}",
                "{'decisionId':'d','userId':'u','arm':'champion','servedAt':'2026-11-30T10:00:00Z','items':[]}",
                "{'decisionId':'d','userId':'u','arm':'champion','servedAt':'2026-11-30T10:00:00Z','items':{}}",
                "{'decisionId':'d','userId':'u','arm':'neither','servedAt':'2026-11-30T10:00:00Z','items':[]}",
                "{'decisionId':'d','userId':'u','arm':'champion','items':[{'itemId':'i','position':1,"
                        + "'score':0.5,'propensity':0.5}],'items':[{'itemId':'j','position':1,'score':0.5,"
                        + "'propensity':0.5}],'servedAt':'2026-11-30T10:00:00Z'}"
            })
    void everyDecisionTextReadsAsWithDataBinding(String text) {
        assertSameOutcome(text, Decision.class);
    }

    @Test
    void thePlainFormIsReadByTheStreamingReader() {
        byte[] plain = ContractJson.writeBound(RecordExamples.feedbackEvent());
        assertThat(READER.read(plain, FeedbackEvent.class)).isEqualTo(RecordExamples.feedbackEvent());
        byte[] decision = ContractJson.writeBound(RecordExamples.decision());
        assertThat(READER.read(decision, Decision.class)).isEqualTo(RecordExamples.decision());
        byte[] coerced =
                json("{'eventId':7,'type':'click','userId':'u','itemId':'i','timestamp':'2026-11-30T10:00:00Z',"
                        + "'appId':'a','receivedAt':'2026-11-30T10:00:01Z','eventTime':'2026-11-30T10:00:00Z'}");
        assertThat(READER.read(coerced, FeedbackEvent.class)).isNull();
        assertThat(StreamingReader.reads(LabelledSample.class)).isFalse();
    }

    private static <T> void assertSameOutcome(String text, Class<T> type) {
        byte[] json = json(text);
        Throwable boundFailure = catchThrowable(() -> ContractJson.readBound(json, type));
        Throwable failure = catchThrowable(() -> ContractJson.read(json, type));
        if (boundFailure == null) {
            assertThat(failure).as("read %s", text).isNull();
            assertThat(ContractJson.read(json, type)).isEqualTo(ContractJson.readBound(json, type));
        } else {
            assertThat(failure).as("read %s", text).isInstanceOf(ContractException.class);
            assertThat(failure.getMessage()).isEqualTo(boundFailure.getMessage());
        }
    }

    private static byte[] json(String text) {
        return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private FeedbackEvent randomEvent() {
        Instant timestamp = randomInstant();
        return new FeedbackEvent(
                1,
                randomText(),
                EventType.values()[random.nextInt(EventType.values().length)],
                randomText(),
                randomText(),
                random.nextBoolean() ? randomText() : null,
                timestamp,
                random.nextBoolean() ? timestamp.plusMillis(random.nextInt(5_000)) : null,
                random.nextBoolean() ? randomDouble() : null,
                randomScalars(random.nextInt(6)),
                random.nextInt(3) == 0 ? null : random.nextBoolean(),
                randomText(),
                timestamp.plusMillis(random.nextInt(60_000)),
                timestamp.minusMillis(random.nextInt(60_000)));
    }

    private LabelledSample randomSample() {
        return new LabelledSample(
                1,
                randomText(),
                randomText(),
                randomText(),
                1 + random.nextInt(50),
                1.0 / (1 + random.nextInt(100)),
                randomFeatures(),
                random.nextInt(2),
                random.nextDouble() * 3,
                randomText(),
                random.nextBoolean() ? randomText() : null,
                random.nextBoolean() ? randomText() : null,
                random.nextBoolean() ? Arm.CHAMPION : Arm.CHALLENGER,
                random.nextDouble(),
                randomInstant(),
                random.nextInt(3) == 0 ? null : random.nextBoolean());
    }

    private Decision randomDecision() {
        List<ServedItem> items = new ArrayList<>();
        int count = 1 + random.nextInt(12);
        for (int position = 1; position <= count; position++) {
            items.add(new ServedItem(
                    randomText(), position, randomDouble(), 1.0 / (1 + random.nextInt(20)), randomFeatures()));
        }
        return new Decision(
                1,
                randomText(),
                randomText(),
                random.nextBoolean() ? randomText() : null,
                random.nextBoolean() ? Arm.CHAMPION : Arm.CHALLENGER,
                random.nextBoolean() ? randomText() : null,
                randomInstant(),
                items);
    }

    private Map<String, Map<String, Object>> randomFeatures() {
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        for (String namespace : List.of("user", "item", "context")) {
            if (random.nextInt(4) > 0) {
                features.put(namespace, randomScalars(random.nextInt(5)));
            }
        }
        return features;
    }

    private Map<String, Object> randomScalars(int size) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            Object value = switch (random.nextInt(5)) {
                case 0 -> randomText();
                case 1 -> random.nextInt();
                case 2 -> random.nextLong();
                case 3 -> randomDouble();
                default -> random.nextBoolean();
            };
            values.put(randomText(), value);
        }
        return values;
    }

    private double randomDouble() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(100);
            case 1 -> random.nextGaussian() * 1e-9;
            case 2 -> random.nextGaussian() * 1e12;
            default -> random.nextDouble();
        };
    }

    private Instant randomInstant() {
        long second = 1_700_000_000L + random.nextInt(200_000_000);
        return switch (random.nextInt(3)) {
            case 0 -> Instant.ofEpochSecond(second);
            case 1 -> Instant.ofEpochSecond(second, random.nextInt(1_000) * 1_000_000L);
            default -> Instant.ofEpochSecond(second, random.nextInt(1_000_000_000));
        };
    }

    private String randomText() {
        String[] pieces = {"a", "é", "\"", "\\", "\n", "😀", "id-", "7", " ", "\u0001", "ü"};
        StringBuilder text = new StringBuilder("x");
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    private FeedbackEvent withContext(Map<String, Object> context) {
        FeedbackEvent event = RecordExamples.feedbackEvent();
        return new FeedbackEvent(
                event.schemaVersion(),
                event.eventId(),
                event.type(),
                event.userId(),
                event.itemId(),
                event.decisionId(),
                event.timestamp(),
                event.sentAt(),
                event.value(),
                context,
                event.consent(),
                event.appId(),
                event.receivedAt(),
                event.eventTime());
    }
}
