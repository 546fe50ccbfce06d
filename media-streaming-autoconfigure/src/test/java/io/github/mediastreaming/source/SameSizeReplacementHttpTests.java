package io.github.mediastreaming.source;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;

import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A movie replaced by another of exactly the same size ({@code bframes.mp4} and {@code moovend.mp4} are
 * one encode, its {@code moov} first or last): the next seek is cut from the new file's index, whether the
 * replacement has another modification time or the old one restored. Only a rewrite in place that restores
 * the time leaves nothing a {@code stat} can see; {@code DELETE /actuator/media/{path}} then has the file
 * indexed again.
 */
@SpringBootTest(classes = SameSizeReplacementHttpTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.cache.open-file-check-interval=0",
				"management.endpoints.web.exposure.include=media" })
class SameSizeReplacementHttpTests {

	static final Path ROOT = Fixtures.root("same-size", (root) -> {
		for (String name : new String[] { "retimed", "restored", "inplace" }) {
			Fixtures.copy(root, "mp4/bframes.mp4", name + ".mp4");
		}
		Fixtures.copy(root, "mp4/moovend.mp4", "reference.mp4");
	});

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@BeforeAll
	static void sameSize() throws IOException {
		Ffmpeg.assumeInstalled();
		assertThat(Files.size(Fixtures.media("mp4/moovend.mp4")))
			.isEqualTo(Files.size(Fixtures.media("mp4/bframes.mp4")));
	}

	@Test
	void aRenameOverWithAnotherTimeGivesANewTagAndACutOfTheNewFile() throws Exception {
		HttpResponse<byte[]> before = seek("retimed.mp4");
		Path fresh = Files.copy(Fixtures.media("mp4/moovend.mp4"), ROOT.resolve(".retimed.tmp"));
		Files.setLastModifiedTime(fresh,
				FileTime.fromMillis(Files.getLastModifiedTime(ROOT.resolve("retimed.mp4")).toMillis() + 5000));
		Files.move(fresh, ROOT.resolve("retimed.mp4"), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		HttpResponse<byte[]> after = seek("retimed.mp4");
		assertThat(after.headers().firstValue("ETag")).isNotEqualTo(before.headers().firstValue("ETag"));
		assertThat(Arrays.equals(after.body(), seek("reference.mp4").body())).as("the new file's cut").isTrue();
	}

	@Test
	void aRenameOverWithTheOldTimeRestoredKeepsTheTagButCutsTheNewFile() throws Exception {
		HttpResponse<byte[]> before = seek("restored.mp4");
		FileTime time = Files.getLastModifiedTime(ROOT.resolve("restored.mp4"));
		Path fresh = Files.copy(Fixtures.media("mp4/moovend.mp4"), ROOT.resolve(".restored.tmp"));
		Files.setLastModifiedTime(fresh, time);
		Files.move(fresh, ROOT.resolve("restored.mp4"), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		HttpResponse<byte[]> after = seek("restored.mp4");
		// Size and time, as nginx's: the same tag (docs/hardening.md), but the new file's own cut.
		assertThat(after.headers().firstValue("ETag")).isEqualTo(before.headers().firstValue("ETag"));
		assertThat(Arrays.equals(after.body(), seek("reference.mp4").body())).as("the new file's cut").isTrue();
	}

	@Test
	void aRewriteInPlaceWithTheOldTimeRestoredIsCutAnewOnceItsIndexIsDropped() throws Exception {
		Path file = ROOT.resolve("inplace.mp4");
		seek("inplace.mp4");
		FileTime time = Files.getLastModifiedTime(file);
		Files.write(file, Files.readAllBytes(Fixtures.media("mp4/moovend.mp4")), StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING);
		Files.setLastModifiedTime(file, time);
		byte[] reference = seek("reference.mp4").body();
		// Same inode, size and time: the old index and its cached cut, over the new bytes (as nginx's tag and
		// open_file_cache would not see the change either), until the index is dropped.
		seek("inplace.mp4");
		HttpResponse<String> evicted = this.http.send(
				request("/actuator/media/inplace.mp4").DELETE().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(evicted.statusCode()).isEqualTo(200);
		assertThat(Arrays.equals(seek("inplace.mp4").body(), reference)).as("the new file's cut").isTrue();
	}

	private HttpResponse<byte[]> seek(String name) throws Exception {
		HttpResponse<byte[]> response = this.http.send(request("/media/" + name + "?start=3").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		return response;
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
