/**
 * Auto-configuration of media-streaming: wiring only. The features live in the sibling packages
 * ({@code http}, {@code pacing}, {@code index} and the format readers), which import no Spring Boot
 * class.
 */
@NullMarked
package io.github.mediastreaming.autoconfigure;

import org.jspecify.annotations.NullMarked;
