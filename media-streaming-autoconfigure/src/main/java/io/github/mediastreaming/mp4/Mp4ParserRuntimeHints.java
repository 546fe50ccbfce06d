package io.github.mediastreaming.mp4;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What mp4parser needs in a native image: its box-type table ({@code isoparser2-default.properties}, read
 * as a resource) and the constructors of the boxes it instantiates by reflection from that table, for the
 * movie and track headers, edit lists, handlers and movie-extends boxes, and the box it makes of any
 * other type. Since {@link MovieStructure} constructs the few boxes it parses itself, none of this is
 * used on the index path any more; it stays for code that parses through mp4parser's own box parser.
 */
public final class Mp4ParserRuntimeHints implements RuntimeHintsRegistrar {

	/** The resource mp4parser maps box types to classes with. */
	static final String BOX_TYPES = "isoparser2-default.properties";

	/** Boxes the skeleton moov can hold, by mp4parser class. */
	static final List<String> BOXES = List.of("org.mp4parser.boxes.iso14496.part12.MovieBox",
			"org.mp4parser.boxes.iso14496.part12.MovieHeaderBox", "org.mp4parser.boxes.iso14496.part12.TrackBox",
			"org.mp4parser.boxes.iso14496.part12.TrackHeaderBox", "org.mp4parser.boxes.iso14496.part12.EditBox",
			"org.mp4parser.boxes.iso14496.part12.EditListBox", "org.mp4parser.boxes.iso14496.part12.MediaBox",
			"org.mp4parser.boxes.iso14496.part12.MediaHeaderBox", "org.mp4parser.boxes.iso14496.part12.HandlerBox",
			"org.mp4parser.boxes.iso14496.part12.MovieExtendsBox",
			"org.mp4parser.boxes.iso14496.part12.MovieExtendsHeaderBox",
			"org.mp4parser.boxes.iso14496.part12.TrackExtendsBox", "org.mp4parser.boxes.UnknownBox");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(BOX_TYPES);
		for (String box : BOXES) {
			hints.reflection().registerType(TypeReference.of(box), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		}
	}

}
