import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summary of a JFR recording for benchmarks/profile.sh: where the execution samples fall. Run as a
 * single-file program (no build):
 * {@code java benchmarks/lib/JfrSamples.java recording.jfr [top=25] [fromEpochMillis toEpochMillis]}; with
 * the two times, only the events that started between them count.
 *
 * <p>Prints the share of execution samples (Java threads only) by package group, twice: by the group
 * of the sample's top frame (self time: the shares add up to 100 %) and by every group the stack passes
 * through (a sample counts once per group, so these overlap); the share by thread (digits folded); the
 * hottest methods by self samples; the most frequent stacks (top frames); the JVM's CPU (jdk.CPULoad);
 * garbage collections; and the heaviest allocation sites. CPU by thread, GC and JIT threads included
 * (they are never in execution samples), comes from /proc in profile.sh.
 */
public final class JfrSamples {

	/** Package groups, first match wins (so the specific prefixes come before the general ones). */
	private static final String[][] GROUPS = {
			{ "our code (io.github.mediastreaming)", "io.github.mediastreaming." },
			{ "Reactor Netty", "reactor.netty." },
			{ "Netty", "io.netty." },
			{ "Reactor core", "reactor.core.", "reactor.util." },
			{ "Micrometer / observation", "io.micrometer." },
			{ "WebFlux / Spring web", "org.springframework.web.", "org.springframework.http." },
			{ "Spring (other)", "org.springframework." },
			{ "JDK I/O", "java.nio.", "sun.nio.", "java.io.", "sun.net.", "java.net.", "jdk.internal.misc.Blocker",
					"sun.security.", "java.util.zip." },
			{ "JDK java.time (dates)", "java.time." },
			{ "JDK java.util.concurrent", "java.util.concurrent." },
			{ "JDK collections and streams (java.util)", "java.util." },
			{ "JDK lang, invoke, reflect (java.lang)", "java.lang." },
			{ "JDK (other)", "java.", "javax.", "jdk.", "sun.", "com.sun." } };

	private static final String OTHER = "other";

	private JfrSamples() {
	}

	public static void main(String[] args) throws IOException {
		Path file = Path.of(args[0]);
		int top = (args.length > 1) ? Integer.parseInt(args[1]) : 25;
		Instant from = (args.length > 3) ? Instant.ofEpochMilli(Long.parseLong(args[2])) : Instant.MIN;
		Instant to = (args.length > 3) ? Instant.ofEpochMilli(Long.parseLong(args[3])) : Instant.MAX;
		Map<String, Integer> selfByGroup = new LinkedHashMap<>();
		Map<String, Integer> inclusiveByGroup = new LinkedHashMap<>();
		Map<String, Integer> byThread = new HashMap<>();
		Map<String, Integer> selfByMethod = new HashMap<>();
		Map<String, Integer> byStack = new HashMap<>();
		Map<String, Long> allocationBySite = new HashMap<>();
		int samples = 0;
		int gcCount = 0;
		int nativeSamples = 0;
		Map<String, Integer> nativeByMethod = new HashMap<>();
		Duration gcPauses = Duration.ZERO;
		double jvmUser = 0;
		double jvmSystem = 0;
		int cpuLoadEvents = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
			if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
				continue;
			}
			switch (event.getEventType().getName()) {
				case "jdk.ExecutionSample" -> {
					RecordedStackTrace stack = event.getStackTrace();
					if (stack == null || stack.getFrames().isEmpty()) {
						continue;
					}
					samples++;
					List<RecordedFrame> frames = stack.getFrames();
					String thread = threadGroup(event);
					byThread.merge(thread, 1, Integer::sum);
					RecordedFrame first = frames.get(0);
					selfByGroup.merge(group(className(first)), 1, Integer::sum);
					selfByMethod.merge(method(first), 1, Integer::sum);
					Set<String> seen = new HashSet<>();
					for (RecordedFrame frame : frames) {
						String group = group(className(frame));
						// Every stack passes through java.lang.Thread.run and executors: only the JDK groups
						// that name work (I/O, dates) say something on the stack.
						boolean telling = !group.startsWith("JDK") || group.equals("JDK I/O") || group.startsWith("JDK java.time");
						if (telling && seen.add(group)) {
							inclusiveByGroup.merge(group, 1, Integer::sum);
						}
					}
					StringBuilder key = new StringBuilder();
					for (int i = 0; i < Math.min(8, frames.size()); i++) {
						key.append("\n      ").append(method(frames.get(i)));
					}
					byStack.merge(key.toString(), 1, Integer::sum);
				}
				case "jdk.NativeMethodSample" -> {
					RecordedStackTrace stack = event.getStackTrace();
					if (stack != null && !stack.getFrames().isEmpty()) {
						nativeSamples++;
						nativeByMethod.merge(threadGroup(event) + "  " + method(stack.getFrames().get(0)), 1, Integer::sum);
					}
				}
				case "jdk.CPULoad" -> {
					jvmUser += event.getFloat("jvmUser");
					jvmSystem += event.getFloat("jvmSystem");
					cpuLoadEvents++;
				}
				case "jdk.GarbageCollection" -> {
					gcCount++;
					gcPauses = gcPauses.plus(event.getDuration("sumOfPauses"));
				}
				case "jdk.ObjectAllocationSample" -> {
					RecordedStackTrace stack = event.getStackTrace();
					String site = (stack == null || stack.getFrames().isEmpty()) ? "(no stack)"
							: firstOutsideJdk(stack.getFrames());
					allocationBySite.merge(event.getClass("objectClass").getName() + " at " + site,
							event.getLong("weight"), Long::sum);
				}
				default -> {
				}
			}
		}
		System.out.printf(Locale.ROOT, "%d execution samples (Java threads; GC and JIT threads are not sampled)%n",
				samples);
		if (samples == 0) {
			samples = 1;
		}
		System.out.println("\n== share of samples by package group of the top frame (self; adds up to 100 %)");
		print(selfByGroup, samples, Integer.MAX_VALUE);
		System.out.println("\n== share of samples by package group anywhere on the stack (a sample counts once per group;"
				+ " overlaps; JDK groups other than I/O and dates left out)");
		print(inclusiveByGroup, samples, Integer.MAX_VALUE);
		System.out.println("\n== share of samples by thread (digits folded)");
		print(byThread, samples, 15);
		System.out.printf("%n== top %d methods by self samples%n", top);
		print(selfByMethod, samples, top);
		int sampleCount = samples;
		System.out.println("\n== top 10 stacks (8 top frames each)");
		byStack.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(10)
			.forEach((e) -> System.out.printf(Locale.ROOT, "  %5.1f %%  %d samples%s%n", 100.0 * e.getValue() / sampleCount,
					e.getValue(), e.getKey()));
		if (nativeSamples > 0) {
			System.out.printf(Locale.ROOT, "%n== native-method samples (%d; threads inside a native method, waiting ones"
					+ " included): thread and method%n", nativeSamples);
			print(nativeByMethod, nativeSamples, 10);
		}
		if (cpuLoadEvents > 0) {
			System.out.printf(Locale.ROOT,
					"%n== CPU of the whole JVM (jdk.CPULoad, share of all cores): user %.1f %%, system %.1f %%%n",
					100 * jvmUser / cpuLoadEvents, 100 * jvmSystem / cpuLoadEvents);
		}
		System.out.printf(Locale.ROOT, "%n== GC: %d collections, %.0f ms of pauses%n", gcCount, gcPauses.toNanos() / 1e6);
		if (!allocationBySite.isEmpty()) {
			long total = allocationBySite.values().stream().mapToLong(Long::longValue).sum();
			System.out.printf(Locale.ROOT, "%n== top 10 allocation sites (jdk.ObjectAllocationSample weight, %.0f MB sampled)%n",
					total / 1e6);
			allocationBySite.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
				.limit(10)
				.forEach((e) -> System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * e.getValue() / total,
						e.getKey()));
		}
	}

	private static void print(Map<String, Integer> counts, int total, int limit) {
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(limit)
			.forEach((e) -> System.out.printf(Locale.ROOT, "  %5.1f %%  %6d  %s%n", 100.0 * e.getValue() / total,
					e.getValue(), e.getKey()));
	}

	private static String className(RecordedFrame frame) {
		return (frame.getMethod() == null) ? "" : frame.getMethod().getType().getName();
	}

	private static String method(RecordedFrame frame) {
		return (frame.getMethod() == null) ? "(unknown)"
				: frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	private static String group(String className) {
		for (String[] group : GROUPS) {
			for (int i = 1; i < group.length; i++) {
				if (className.startsWith(group[i])) {
					return group[0];
				}
			}
		}
		return OTHER;
	}

	private static String threadGroup(RecordedEvent event) {
		// Execution samples name the sampled thread; other events the thread that wrote them.
		var thread = event.getThread(event.hasField("sampledThread") ? "sampledThread" : "eventThread");
		String name = (thread == null) ? null : thread.getJavaName();
		if (name == null && thread != null) {
			name = thread.getOSName();
		}
		return (name == null) ? "(unknown)" : name.replaceAll("[0-9]+", "#");
	}

	private static String firstOutsideJdk(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String group = group(className(frame));
			if (!group.startsWith("JDK")) {
				return method(frame);
			}
		}
		return method(frames.get(0));
	}

}
