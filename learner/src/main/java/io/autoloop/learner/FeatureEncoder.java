package io.autoloop.learner;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Encodes one item shown (or to be shown) to one user in one slot: consumes the user id, the item id, the slot and
 * the namespaced features, and produces the hashed {@link FeatureVector} a model of its {@link FeatureSpec} learns
 * from or scores. The retrainer trains on a labelled sample at the slot it was logged in and the router scores a
 * candidate at its reference slot (and again at the slot it shows it in) through the same rules, so a model is served
 * exactly the features it was trained on:
 *
 * <ol>
 *   <li>every feature of every namespace, as {@link FeatureHasher#addValue} hashes it: strings and booleans as string
 *       features, numbers as numeric ones (zero adds nothing), nulls skipped; a nested value or a non-finite number
 *       is refused with an {@link IllegalArgumentException} naming {@code namespace^name};
 *   <li>the identity features {@code user^id=<user id>} and {@code item^id=<item id>}, as string features; an
 *       {@value #ID} feature given in the {@code user} or {@code item} namespace is ignored (the router logs the ids
 *       it scored with there, and it is the ids given here that count);
 *   <li>the position feature {@code context^position=<slot>}, the 1-based slot as a decimal <em>string</em>
 *       ({@code "1"}: the number 1 would hash {@code context^position} with value 1, another coordinate); a
 *       {@value #POSITION} feature given in the {@code context} namespace is ignored;
 *   <li>then the spec's crosses of all of the above.
 * </ol>
 *
 * <p>The position lets the model learn the position bias from the logs; the router keeps it out of the ranking by
 * scoring every candidate at the same slot.
 *
 * <p>Allocation: none once warm, as for {@link FeatureHasher}: maps are walked with {@code Map.forEach} and
 * pre-built visitors, and slots up to {@value #CACHED_POSITIONS} use pre-built strings. Not thread-safe: one encoder
 * per thread.
 */
public final class FeatureEncoder {

    /** Name of the identity features {@code user^id} and {@code item^id}. */
    public static final String ID = "id";

    /** Namespace of the position feature. */
    public static final String POSITION_NAMESPACE = FeatureSpec.CONTEXT;

    /** Name of the position feature, whose value is the 1-based slot as a decimal string. */
    public static final String POSITION = "position";

    /** Slots below this have their decimal strings ready; a higher one costs one small string per encoding. */
    static final int CACHED_POSITIONS = 1024;

    private static final String[] POSITION_TEXT = new String[CACHED_POSITIONS];

    static {
        for (int slot = 1; slot < CACHED_POSITIONS; slot++) {
            POSITION_TEXT[slot] = Integer.toString(slot);
        }
    }

    private final FeatureHasher hasher;
    private final BiConsumer<String, Map<String, ?>> namespaceVisitor = this::addNamespace;
    private final BiConsumer<String, Object> featureVisitor = this::addFeature;
    private String namespace;
    private String ignoredName;

    /** An encoder for models of {@code spec}. */
    public FeatureEncoder(FeatureSpec spec) {
        this.hasher = new FeatureHasher(spec);
    }

    /** The spec this encoder hashes with. */
    public FeatureSpec spec() {
        return hasher.spec();
    }

    /**
     * Clears {@code out} and encodes an item with namespaced features into it, as training sees a labelled sample.
     *
     * @param features namespace → name → value, for example a labelled sample's features as the router logged them
     * @throws IllegalArgumentException naming the feature when a value is neither null, a string, a boolean nor a
     *     finite number, or when {@code position} is below 1
     */
    public void encode(
            String userId,
            String itemId,
            int position,
            Map<String, ? extends Map<String, ?>> features,
            FeatureVector out) {
        begin(userId, itemId, position, out);
        if (features != null) {
            features.forEach(namespaceVisitor);
        }
        finish(userId, itemId, position);
    }

    /**
     * Clears {@code out} and encodes a candidate from its three namespaces into it, as serving sees a ranking request;
     * the vector is the one {@link #encode(String, String, int, Map, FeatureVector)} makes of the same features
     * gathered under {@code user}, {@code context} and {@code item}. Any of the maps may be null (no features).
     *
     * @throws IllegalArgumentException naming the feature when a value is neither null, a string, a boolean nor a
     *     finite number, or when {@code position} is below 1
     */
    public void encode(
            String userId,
            Map<String, ?> user,
            Map<String, ?> context,
            String itemId,
            Map<String, ?> item,
            int position,
            FeatureVector out) {
        begin(userId, itemId, position, out);
        addNamespace(FeatureSpec.USER, user);
        addNamespace(FeatureSpec.CONTEXT, context);
        addNamespace(FeatureSpec.ITEM, item);
        finish(userId, itemId, position);
    }

    private void begin(String userId, String itemId, int position, FeatureVector out) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(itemId, "itemId");
        if (position < 1) {
            throw new IllegalArgumentException(
                    "A position is a slot counted from 1, but it is " + position + "; the item cannot be encoded.");
        }
        hasher.begin(out);
    }

    private void finish(String userId, String itemId, int position) {
        hasher.addString(FeatureSpec.USER, ID, userId);
        hasher.addString(FeatureSpec.ITEM, ID, itemId);
        hasher.addString(
                POSITION_NAMESPACE,
                POSITION,
                position < CACHED_POSITIONS ? POSITION_TEXT[position] : Integer.toString(position));
        hasher.end();
    }

    private void addNamespace(String name, Map<String, ?> features) {
        if (name == null) {
            throw new IllegalArgumentException("A feature map has a null namespace; every namespace needs a name.");
        }
        if (features == null) {
            return;
        }
        namespace = name;
        ignoredName = ignoredIn(name);
        features.forEach(featureVisitor);
    }

    /** The feature of {@code namespace} this encoder sets itself, so a given one is ignored; null for none. */
    private static String ignoredIn(String namespace) {
        if (FeatureSpec.USER.equals(namespace) || FeatureSpec.ITEM.equals(namespace)) {
            return ID;
        }
        return POSITION_NAMESPACE.equals(namespace) ? POSITION : null;
    }

    private void addFeature(String name, Object value) {
        if (name == null) {
            throw new IllegalArgumentException(
                    "Namespace '" + namespace + "' has a feature with a null name; every feature needs one.");
        }
        if (!name.equals(ignoredName)) {
            hasher.addValue(namespace, name, value);
        }
    }
}
