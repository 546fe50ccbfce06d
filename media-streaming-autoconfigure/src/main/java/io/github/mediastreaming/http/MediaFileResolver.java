package io.github.mediastreaming.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.mediastreaming.index.MediaFormat;

import org.springframework.http.HttpStatus;

/**
 * Maps the raw (still percent-encoded) path below the URL prefix onto a file under the root, so that no
 * request can read outside it: encoded slashes, backslashes and NULs, double encoding, dot segments,
 * absolute paths and symbolic links leading out of the root are all refused, and hidden files (any
 * segment starting with a dot) and directories are not found.
 */
public final class MediaFileResolver {

	private final Path root;

	/**
	 * Create a resolver.
	 * @param root the media root; it must exist
	 * @throws IOException if the root's real path cannot be determined
	 */
	public MediaFileResolver(Path root) throws IOException {
		this.root = root.toRealPath();
	}

	/**
	 * Return the real path of the media root.
	 * @return the root
	 */
	public Path root() {
		return this.root;
	}

	/**
	 * Resolve a raw path.
	 * @param rawRelativePath the request path below the prefix, percent-encoded as received, without a
	 * leading slash
	 * @return the file or the reason there is none
	 */
	public FileResolution resolve(String rawRelativePath) {
		List<String> segments = new ArrayList<>();
		for (String rawSegment : rawRelativePath.split("/", -1)) {
			String lower = rawSegment.toLowerCase(Locale.ROOT);
			if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") || lower.contains("%25")) {
				return bad("Encoded slashes, backslashes, NULs and percent signs are not allowed in media paths");
			}
			String segment;
			try {
				segment = percentDecode(rawSegment);
			}
			catch (IllegalArgumentException ex) {
				return bad("Malformed percent-encoding in the path");
			}
			if (segment.equals("..") || segment.equals(".")) {
				return bad("Dot segments are not allowed in media paths");
			}
			if (segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0 || segment.indexOf(':') >= 0) {
				return bad("Backslashes, colons and NULs are not allowed in media paths");
			}
			if (segment.isEmpty()) {
				return notFound();
			}
			if (segment.startsWith(".")) {
				return notFound();
			}
			segments.add(segment);
		}
		if (segments.isEmpty()) {
			return notFound();
		}
		Path candidate = this.root.resolve(String.join("/", segments)).normalize();
		if (!candidate.startsWith(this.root)) {
			return bad("The path leaves the media root");
		}
		try {
			Path real = candidate.toRealPath();
			if (!real.startsWith(this.root)) {
				// A symbolic link out of the root: say nothing about what is there.
				return notFound();
			}
			BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			if (!attributes.isRegularFile() || !Files.isReadable(real)) {
				return notFound();
			}
			String relative = String.join("/", segments);
			String fileName = real.getFileName().toString();
			return new FileResolution.Found(new MediaFile(real, relative, attributes.size(),
					attributes.lastModifiedTime().toInstant(), MediaFormat.fromFileName(fileName),
					MediaTypes.forFileName(fileName)));
		}
		catch (IOException | SecurityException ex) {
			return notFound();
		}
	}

	private static String percentDecode(String segment) {
		if (segment.indexOf('%') < 0) {
			return segment;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c != '%') {
				int end = Character.isHighSurrogate(c) ? Math.min(i + 2, segment.length()) : i + 1;
				out.writeBytes(segment.substring(i, end).getBytes(StandardCharsets.UTF_8));
				i = end - 1;
				continue;
			}
			if (i + 2 >= segment.length()) {
				throw new IllegalArgumentException("Truncated escape");
			}
			int high = Character.digit(segment.charAt(i + 1), 16);
			int low = Character.digit(segment.charAt(i + 2), 16);
			if (high < 0 || low < 0) {
				throw new IllegalArgumentException("Bad escape");
			}
			out.write(high << 4 | low);
			i += 2;
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static FileResolution bad(String detail) {
		return new FileResolution.Rejected(HttpStatus.BAD_REQUEST, detail);
	}

	private static FileResolution notFound() {
		return new FileResolution.Rejected(HttpStatus.NOT_FOUND, "No such media file");
	}

}
