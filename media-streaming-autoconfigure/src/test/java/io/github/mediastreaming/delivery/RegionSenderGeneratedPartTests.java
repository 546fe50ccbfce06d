package io.github.mediastreaming.delivery;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.ContentCursor;
import io.github.mediastreaming.body.GeneratedContent;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.pacing.BandwidthBudget;
import io.github.mediastreaming.stream.ActiveStream;
import io.github.mediastreaming.stream.StreamKind;
import io.github.mediastreaming.stream.StreamRegistry;
import io.github.mediastreaming.stream.StreamRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RegionSender} and a generated part (a rebuilt moov) on a real Netty channel: the bandwidth
 * budget is charged for the bytes a write carries, and content that fails on a later write fails the
 * body instead of leaving it hanging.
 */
class RegionSenderGeneratedPartTests {

	@TempDir
	Path temp;

	@Test
	void aGrantCoveringAGeneratedPartSendsAllOfItInOneTick() throws Exception {
		int length = 1 << 20;
		BandwidthBudget budget = new BandwidthBudget(1_000_000_000, Schedulers.immediate());
		EmbeddedChannel channel = new EmbeddedChannel();
		try (FileMediaSource source = FileMediaSource.open(Files.write(this.temp.resolve("f.bin"), new byte[1]));
				FileChannel file = FileChannel.open(this.temp.resolve("f.bin"))) {
			MediaBody body = new MediaBody(List.of(BodyPart.Generated.of(new Zeros(length, -1))));
			RegionSender sender = new RegionSender(channel, source, file, body, null, DeliverySettings.DEFAULTS,
					stream(length), budget);
			sender.send().subscribe();
			// One split: the budget grants the whole part (1 MiB of a 50 MB tick).
			budget.run();
			assertThat(sent(channel)).isEqualTo(length);
		}
		finally {
			channel.finishAndReleaseAll();
		}
	}

	@Test
	void generatedContentFailingOnALaterWriteFailsTheBodyAndClosesTheSource() throws Exception {
		List<ChannelPromise> held = new ArrayList<>();
		EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
			@Override
			public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
				// A client that has not taken the write yet.
				((ByteBuf) msg).release();
				held.add(promise);
			}
		});
		AtomicBoolean closed = new AtomicBoolean();
		Path path = Files.write(this.temp.resolve("g.bin"), new byte[1]);
		try (FileChannel file = FileChannel.open(path)) {
			FileMediaSource source = FileMediaSource.of(file, 1, () -> closed.set(true));
			// Fails when asked for bytes past the first write (64 KiB).
			MediaBody body = new MediaBody(List.of(BodyPart.Generated.of(new Zeros(1 << 20, 64 * 1024))));
			RegionSender sender = new RegionSender(channel, source, file, body, null, DeliverySettings.DEFAULTS,
					stream(1 << 20), null);
			AtomicReference<Throwable> error = new AtomicReference<>();
			AtomicBoolean completed = new AtomicBoolean();
			sender.send().subscribe(null, error::set, () -> completed.set(true));
			assertThat(held).hasSize(1);
			held.get(0).setSuccess();
			assertThat(error.get() != null || completed.get()).as("the body ended").isTrue();
			assertThat(closed).as("the source is closed").isTrue();
		}
		finally {
			channel.finishAndReleaseAll();
		}
	}

	private static ActiveStream stream(long length) {
		return new StreamRegistry(List.of()).open(
				new StreamRequest("/media/f.mp4", MediaFormat.UNKNOWN, StreamKind.SEEK, null, "1", length, 0), 0);
	}

	private static long sent(EmbeddedChannel channel) {
		long bytes = 0;
		for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
			bytes += ((ByteBuf) message).readableBytes();
			((ByteBuf) message).release();
		}
		return bytes;
	}

	/** Zeros; a cursor that throws once asked for bytes at or after {@code failAt} (never when negative). */
	private record Zeros(long length, long failAt) implements GeneratedContent {

		@Override
		public ContentCursor open(long position) {
			long[] next = { position };
			return (ByteBuffer target) -> {
				if (this.failAt >= 0 && next[0] >= this.failAt) {
					throw new IllegalStateException("A bug in the generator");
				}
				int count = (int) Math.min(target.remaining(), this.length - next[0]);
				target.position(target.position() + count);
				next[0] += count;
				return count;
			};
		}

	}

}
