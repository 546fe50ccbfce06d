package io.github.mediastreaming.flv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.ProbeFailure;
import org.jspecify.annotations.Nullable;

/**
 * Reads AMF0 values (Action Message Format, as in FLV script tags) into plain Java values: numbers as
 * {@link Double}, booleans, strings, objects and ECMA arrays as {@link Map}, strict arrays as
 * {@link List}, dates as {@link Double} milliseconds, null and undefined as {@code null}. Depth and
 * element counts are bounded, since the bytes come from an untrusted file.
 */
final class Amf0Reader {

	private static final int NUMBER = 0;

	private static final int BOOLEAN = 1;

	private static final int STRING = 2;

	private static final int OBJECT = 3;

	private static final int NULL = 5;

	private static final int UNDEFINED = 6;

	private static final int ECMA_ARRAY = 8;

	private static final int OBJECT_END = 9;

	private static final int STRICT_ARRAY = 10;

	private static final int DATE = 11;

	private static final int LONG_STRING = 12;

	private static final int MAX_DEPTH = 8;

	private final ByteCursor cursor;

	Amf0Reader(ByteCursor cursor) {
		this.cursor = cursor;
	}

	/**
	 * Read one value.
	 * @return the value
	 * @throws MediaFormatException for an unsupported type, too deep nesting, or a value that runs past
	 * the bytes
	 */
	@Nullable Object read() throws MediaFormatException {
		return read(0);
	}

	private @Nullable Object read(int depth) throws MediaFormatException {
		if (depth > MAX_DEPTH) {
			throw malformed("AMF0 nesting deeper than " + MAX_DEPTH);
		}
		int type = u8();
		return switch (type) {
			case NUMBER -> f64();
			case BOOLEAN -> u8() != 0;
			case STRING -> utf8(u16());
			case LONG_STRING -> utf8(u32());
			case OBJECT -> properties(depth);
			case ECMA_ARRAY -> {
				need(4);
				this.cursor.skip(4); // approximate count: the end marker is what counts
				yield properties(depth);
			}
			case STRICT_ARRAY -> {
				long count = u32();
				// Every element takes at least its type byte: a count beyond the bytes left is a lie.
				need(count);
				List<@Nullable Object> values = new ArrayList<>((int) Math.min(count, 1024));
				for (long i = 0; i < count; i++) {
					values.add(read(depth + 1));
				}
				yield values;
			}
			case DATE -> {
				double millis = f64();
				need(2);
				this.cursor.skip(2); // time zone
				yield millis;
			}
			case NULL, UNDEFINED -> null;
			default -> throw malformed("Unsupported AMF0 type " + type);
		};
	}

	/** Read an object's or ECMA array's properties up to the empty key and end marker. */
	private Map<String, @Nullable Object> properties(int depth) throws MediaFormatException {
		Map<String, @Nullable Object> properties = new LinkedHashMap<>();
		while (true) {
			String key = utf8(u16()); // each pass takes at least these two bytes, so the loop ends
			if (key.isEmpty() && this.cursor.remaining() > 0
					&& (this.cursor.data()[this.cursor.position()] & 0xFF) == OBJECT_END) {
				this.cursor.skip(1);
				return properties;
			}
			properties.put(key, read(depth + 1));
		}
	}

	private int u8() throws MediaFormatException {
		need(1);
		return this.cursor.u8();
	}

	private int u16() throws MediaFormatException {
		need(2);
		return this.cursor.u16();
	}

	private long u32() throws MediaFormatException {
		need(4);
		return this.cursor.u32();
	}

	private double f64() throws MediaFormatException {
		need(8);
		return this.cursor.f64();
	}

	private String utf8(long length) throws MediaFormatException {
		need(length);
		return this.cursor.utf8((int) length);
	}

	/** A value can never be longer than what is left: checking first keeps reads and allocations bounded. */
	private void need(long bytes) throws MediaFormatException {
		if (bytes > this.cursor.remaining()) {
			throw malformed("AMF0 value needs " + bytes + " bytes but " + this.cursor.remaining() + " are left");
		}
	}

	private static MediaFormatException malformed(String message) {
		return new MediaFormatException(ProbeFailure.MALFORMED, message);
	}

}
