package io.github.mediastreaming.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The truth a timeline is checked against: the media time playable after a file's first bytes, from the
 * file's own packets ({@link Ffmpeg#packets}). It is the earliest time, over the streams, of a packet not
 * yet complete; the last packet's time once every packet is.
 */
public final class PacketTimeline {

	private final List<List<Ffmpeg.Packet>> streams = new ArrayList<>();

	private final long lastTimeUs;

	private final long endOffset;

	/**
	 * Create the truth for a file's packets.
	 * @param packets the packets, in file order
	 */
	public PacketTimeline(List<Ffmpeg.Packet> packets) {
		Map<Integer, List<Ffmpeg.Packet>> byStream = new LinkedHashMap<>();
		long last = 0;
		long end = 0;
		for (Ffmpeg.Packet packet : packets) {
			end = Math.max(end, packet.end());
		}
		for (int i = 0; i < packets.size(); i++) {
			Ffmpeg.Packet packet = packets.get(i);
			// ffprobe gives an Ogg page's packets the page's position: such a packet is complete when its
			// page is, at the next packet position of the file.
			boolean sharesItsPosition = (i + 1 < packets.size() && packets.get(i + 1).position() == packet.position())
					|| (i > 0 && packets.get(i - 1).position() == packet.position());
			if (sharesItsPosition) {
				int next = i + 1;
				while (next < packets.size() && packets.get(next).position() == packet.position()) {
					next++;
				}
				long pageEnd = (next < packets.size()) ? packets.get(next).position() : end;
				packet = new Ffmpeg.Packet(packet.stream(), packet.timeUs(), packet.position(),
						Math.max(packet.size(), pageEnd - packet.position()));
			}
			byStream.computeIfAbsent(packet.stream(), (stream) -> new ArrayList<>()).add(packet);
			last = Math.max(last, packet.timeUs());
			end = Math.max(end, packet.end());
		}
		this.streams.addAll(byStream.values());
		this.lastTimeUs = last;
		this.endOffset = end;
	}

	/**
	 * Return the media time playable once the bytes before an offset have arrived.
	 * @param bytes how many bytes of the file, from its first, have arrived
	 * @return microseconds
	 */
	public long playableUs(long bytes) {
		long playable = Long.MAX_VALUE;
		for (List<Ffmpeg.Packet> stream : this.streams) {
			int low = 0;
			int high = stream.size();
			// The first packet of the stream that ends past the bytes (packets of a stream lie in order).
			while (low < high) {
				int middle = (low + high) >>> 1;
				if (stream.get(middle).end() > bytes) {
					high = middle;
				}
				else {
					low = middle + 1;
				}
			}
			if (low < stream.size()) {
				playable = Math.min(playable, Math.max(0, stream.get(low).timeUs()));
			}
		}
		return (playable == Long.MAX_VALUE) ? this.lastTimeUs : playable;
	}

	/** @return where the last packet ends */
	public long endOffset() {
		return this.endOffset;
	}

}
