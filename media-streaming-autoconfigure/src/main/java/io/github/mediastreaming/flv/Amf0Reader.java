package io.github.mediastreaming.flv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.mediastreaming.bytes.ByteCursor;
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
	 * @throws IllegalArgumentException for an unsupported type or too deep nesting
	 * @throws IndexOutOfBoundsException when the bytes end early
	 */
	@Nullable Object read() {
		return read(0);
	}

	private @Nullable Object read(int depth) {
		if (depth > MAX_DEPTH) {
			throw new IllegalArgumentException("AMF0 nesting deeper than " + MAX_DEPTH);
		}
		int type = this.cursor.u8();
		return switch (type) {
			case NUMBER -> this.cursor.f64();
			case BOOLEAN -> this.cursor.u8() != 0;
			case STRING -> this.cursor.utf8(this.cursor.u16());
			case LONG_STRING -> this.cursor.utf8(checkedLength(this.cursor.u32()));
			case OBJECT -> properties(depth);
			case ECMA_ARRAY -> {
				this.cursor.skip(4); // approximate count: the end marker is what counts
				yield properties(depth);
			}
			case STRICT_ARRAY -> {
				int count = checkedLength(this.cursor.u32());
				List<@Nullable Object> values = new ArrayList<>(Math.min(count, 1024));
				for (int i = 0; i < count; i++) {
					values.add(read(depth + 1));
				}
				yield values;
			}
			case DATE -> {
				double millis = this.cursor.f64();
				this.cursor.skip(2); // time zone
				yield millis;
			}
			case NULL, UNDEFINED -> null;
			default -> throw new IllegalArgumentException("Unsupported AMF0 type " + type);
		};
	}

	private Map<String, @Nullable Object> properties(int depth) {
		Map<String, @Nullable Object> properties = new LinkedHashMap<>();
		while (true) {
			String key = this.cursor.utf8(this.cursor.u16());
			if (key.isEmpty() && this.cursor.remaining() > 0 && (this.cursor.data()[this.cursor.position()] & 0xFF) == OBJECT_END) {
				this.cursor.skip(1);
				return properties;
			}
			properties.put(key, read(depth + 1));
		}
	}

	/** A length can never exceed what is left: checking it first keeps allocations bounded. */
	private int checkedLength(long length) {
		if (length > this.cursor.remaining()) {
			throw new IndexOutOfBoundsException("AMF0 length " + length + " exceeds the " + this.cursor.remaining()
					+ " bytes left");
		}
		return (int) length;
	}

}
