package io.autoloop.router.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The test settings with a router of its own: a fresh model name, so no other test class shares its state. */
public class IsolatedModelProfile implements QuarkusTestProfile {}
