package io.github.mediastreaming.mp4;

import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.mp4parser.IsoFile;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

class Mp4ParserRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void theBoxTableIsAResourceHint() {
		new Mp4ParserRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.resource().forResource(Mp4ParserRuntimeHints.BOX_TYPES)).accepts(this.hints);
	}

	@Test
	void everyBoxTheSkeletonCanHoldCanBeConstructedByReflection() throws Exception {
		new Mp4ParserRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		Properties table = new Properties();
		try (InputStream in = IsoFile.class.getResourceAsStream("/" + Mp4ParserRuntimeHints.BOX_TYPES)) {
			table.load(in);
		}
		for (String type : new String[] { "moov", "mvhd", "trak", "tkhd", "edts", "elst", "mdia", "mdhd", "hdlr",
				"mvex", "mehd", "trex", "default" }) {
			String className = table.getProperty(type).replaceAll("\\(.*\\)$", "");
			assertThat(Mp4ParserRuntimeHints.BOXES).as(type).contains(className);
			Class<?> box = Class.forName(className);
			assertThat(RuntimeHintsPredicates.reflection().onType(box)
				.withMemberCategory(org.springframework.aot.hint.MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS))
				.as(type)
				.accepts(this.hints);
		}
	}

}
