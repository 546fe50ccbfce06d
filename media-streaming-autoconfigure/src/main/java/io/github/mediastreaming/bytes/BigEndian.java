package io.github.mediastreaming.bytes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Four- and eight-byte big-endian fields in a byte array, as media containers hold them: one load or
 * store each where assembling the bytes takes four or eight, for tables of hundreds of thousands of
 * entries ({@link ByteCursor}'s reads, MP4 sample tables read and written).
 */
public final class BigEndian {

	private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

	private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private BigEndian() {
	}

	/**
	 * @param bytes the array
	 * @param index the field's first byte
	 * @return the field
	 */
	public static int getInt(byte[] bytes, int index) {
		return (int) INT.get(bytes, index);
	}

	/**
	 * @param bytes the array
	 * @param index the field's first byte
	 * @param value the field
	 */
	public static void putInt(byte[] bytes, int index, int value) {
		INT.set(bytes, index, value);
	}

	/**
	 * @param bytes the array
	 * @param index the field's first byte
	 * @param value the field
	 */
	public static void putLong(byte[] bytes, int index, long value) {
		LONG.set(bytes, index, value);
	}

}
