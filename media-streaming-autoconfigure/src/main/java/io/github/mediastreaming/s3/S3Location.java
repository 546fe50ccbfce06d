package io.github.mediastreaming.s3;

/**
 * Where the media files are in a bucket: request path {@code movies/a.mp4} with prefix {@code media/} is
 * the object {@code media/movies/a.mp4}.
 *
 * @param bucket the bucket's name
 * @param prefix the key prefix, empty or ending with '/'
 */
public record S3Location(String bucket, String prefix) {

	public S3Location {
		if (bucket.isBlank()) {
			throw new IllegalArgumentException("The bucket name must not be blank");
		}
		if (prefix.startsWith("/")) {
			throw new IllegalArgumentException("The key prefix must not start with '/', was " + prefix);
		}
		if (!prefix.isEmpty() && !prefix.endsWith("/")) {
			prefix = prefix + "/";
		}
	}

	/**
	 * Return the object key of a path below the media root.
	 * @param relativePath the path, '/'-separated
	 * @return the key
	 */
	public String key(String relativePath) {
		return this.prefix + relativePath;
	}

	@Override
	public String toString() {
		return "s3://" + this.bucket + "/" + this.prefix;
	}

}
