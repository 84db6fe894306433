/**
 * The Quarkus adapters that every Autoloop service shares, each defined once: the credential check, the Redis lease
 * and Lua-script runner, and the JSON settings. Plain rules live lower down, in {@code contracts} and
 * {@code learner}; this module only adapts them to Quarkus.
 */
package io.autoloop.platform;
