/**
 * A bare WebFlux application with the starter, for the tests that run it without Spring Boot Actuator.
 */
@NullMarked
package io.github.mediastreaming.autoconfigure.withoutactuator;

import org.jspecify.annotations.NullMarked;
