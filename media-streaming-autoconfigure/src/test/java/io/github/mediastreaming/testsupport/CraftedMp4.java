package io.github.mediastreaming.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Hostile MP4 files, as an attacker uploads them: a valid structure whose tracks each declare a huge
 * number of one-byte samples with one-entry {@code stts}, {@code stsc} and {@code stco} tables, so the
 * {@code moov} is about a kilobyte while a reader that expands the tables per sample needs hundreds of
 * megabytes. A variant lists every sample's size ({@code stsz} with a table, four bytes a sample), for
 * an index whose size follows the tables' bytes. The media data is a sparse hole: a 20 MB file costs no
 * disk.
 */
public final class CraftedMp4 {

	private CraftedMp4() {
	}

	/**
	 * Write a crafted file.
	 * @param file where to write it
	 * @param tracks how many tracks
	 * @param samplesPerTrack how many one-byte samples each track declares, all in one chunk at the start
	 * of {@code mdat}
	 * @throws IOException if writing fails
	 */
	public static void write(Path file, int tracks, long samplesPerTrack) throws IOException {
		write(file, tracks, samplesPerTrack, false);
	}

	/**
	 * Write a crafted file whose {@code stsz} lists every sample's size.
	 * @param file where to write it
	 * @param tracks how many tracks
	 * @param samplesPerTrack how many one-byte samples each track lists, all in one chunk at the start
	 * of {@code mdat}
	 * @throws IOException if writing fails
	 */
	public static void writeWithSizeTable(Path file, int tracks, int samplesPerTrack) throws IOException {
		write(file, tracks, samplesPerTrack, true);
	}

	private static void write(Path file, int tracks, long samplesPerTrack, boolean sizeTable) throws IOException {
		byte[] ftyp = box("ftyp", Bytes.concat(ascii("isom"), u32(512), ascii("isom"), ascii("mp41")));
		// The moov's size does not depend on the chunk offset it holds: build it once to learn where the
		// media starts, then again with that offset.
		byte[] moov = moov(tracks, samplesPerTrack, 0, sizeTable);
		long mediaStart = ftyp.length + moov.length + 8;
		moov = moov(tracks, samplesPerTrack, mediaStart, sizeTable);
		try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
			out.write(ftyp);
			out.write(moov);
			out.write(u32(8 + samplesPerTrack));
			out.write(ascii("mdat"));
			out.setLength(mediaStart + samplesPerTrack);
		}
	}

	private static byte[] moov(int tracks, long samples, long chunkOffset, boolean sizeTable) throws IOException {
		ByteArrayOutputStream children = new ByteArrayOutputStream();
		children.write(mvhd(samples));
		for (int track = 1; track <= tracks; track++) {
			children.write(trak(track, samples, chunkOffset, sizeTable));
		}
		return box("moov", children.toByteArray());
	}

	private static byte[] mvhd(long durationTicks) throws IOException {
		return box("mvhd", Bytes.concat(u32(0), // version 0, flags
				u32(0), u32(0), // creation, modification
				u32(1000), u32(durationTicks), // timescale 1 kHz, duration: one tick a sample
				u32(0x00010000), u16(0x0100), new byte[10], // rate 1.0, volume 1.0, reserved
				matrix(), new byte[24], u32(0xFFFF))); // matrix, pre-defined, next track id
	}

	private static byte[] trak(int trackId, long samples, long chunkOffset, boolean sizeTable) throws IOException {
		byte[] tkhd = box("tkhd", Bytes.concat(u32(0x000003), // version 0, flags enabled | in movie
				u32(0), u32(0), u32(trackId), u32(0), u32(samples), // times, id, reserved, duration
				new byte[8], u16(0), u16(0), u16(0x0100), u16(0), matrix(), u32(0), u32(0)));
		byte[] mdhd = box("mdhd", Bytes.concat(u32(0), u32(0), u32(0), u32(1000), u32(samples), u16(0x55C4), u16(0)));
		byte[] hdlr = box("hdlr", Bytes.concat(u32(0), u32(0), ascii("soun"), new byte[12], new byte[] { 0 }));
		byte[] stbl = box("stbl", Bytes.concat( //
				box("stsd", Bytes.concat(u32(0), u32(0))), // no sample entries
				box("stts", Bytes.concat(u32(0), u32(1), u32(samples), u32(1))), // all samples last 1 tick
				box("stsc", Bytes.concat(u32(0), u32(1), u32(1), u32(samples), u32(1))), // one chunk of them all
				sizeTable ? box("stsz", Bytes.concat(u32(0), u32(0), u32(samples), ones(samples))) // a size per sample
						: box("stsz", Bytes.concat(u32(0), u32(1), u32(samples))), // every sample is 1 byte
				box("stco", Bytes.concat(u32(0), u32(1), u32(chunkOffset)))));
		byte[] minf = box("minf", stbl);
		return box("trak", Bytes.concat(tkhd, box("mdia", Bytes.concat(mdhd, hdlr, minf))));
	}

	/** A table of 32-bit sizes of 1. */
	private static byte[] ones(long count) {
		byte[] table = new byte[Math.toIntExact(4 * count)];
		for (int i = 3; i < table.length; i += 4) {
			table[i] = 1;
		}
		return table;
	}

	private static byte[] matrix() throws IOException {
		return Bytes.concat(u32(0x00010000), u32(0), u32(0), u32(0), u32(0x00010000), u32(0), u32(0), u32(0),
				u32(0x40000000));
	}

	private static byte[] box(String type, byte[] payload) throws IOException {
		return Bytes.concat(u32(8 + payload.length), ascii(type), payload);
	}

	private static byte[] u32(long value) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(4);
		new DataOutputStream(bytes).writeInt((int) value);
		return bytes.toByteArray();
	}

	private static byte[] u16(int value) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(2);
		new DataOutputStream(bytes).writeShort(value);
		return bytes.toByteArray();
	}

	private static byte[] ascii(String value) {
		return value.getBytes(StandardCharsets.US_ASCII);
	}

}
