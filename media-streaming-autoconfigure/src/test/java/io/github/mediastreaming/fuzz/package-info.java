/**
 * Jazzer fuzz tests of every reader and cutter: each target indexes its input, cuts the index where the
 * input chooses and checks the result against the contract for any bytes ({@link
 * io.github.mediastreaming.fuzz.CutHarness}).
 *
 * <p>{@code ./mvnw verify} replays, in regression mode and in a JVM apart from the other tests, the
 * fixtures' seeds and every input kept under
 * {@code src/test/resources/io/github/mediastreaming/fuzz/<Target>Inputs/<method>/} (each a past finding),
 * then fuzzes every target but the MP4 one (while its findings are open) for {@code fuzz.duration} (15 s),
 * each in a JVM of its own. A longer campaign for one
 * target: {@code benchmarks/fuzz.sh FlvFuzzTests 30}.
 */
@NullMarked
package io.github.mediastreaming.fuzz;

import org.jspecify.annotations.NullMarked;
