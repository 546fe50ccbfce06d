package io.github.mediastreaming.actuate.health;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Up while the media root exists and is a readable folder; down otherwise (an unmounted volume, changed
 * permissions), so a load balancer stops sending viewers to a server that can only answer 404.
 */
public final class MediaRootHealthIndicator extends AbstractHealthIndicator {

	private final Path root;

	/**
	 * Create the indicator.
	 * @param root the media root
	 */
	public MediaRootHealthIndicator(Path root) {
		super("Media root health check failed");
		this.root = root;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean directory = Files.isDirectory(this.root);
		boolean readable = directory && Files.isReadable(this.root);
		(readable ? builder.up() : builder.down()).withDetail("root", this.root.toString())
			.withDetail("exists", Files.exists(this.root))
			.withDetail("directory", directory)
			.withDetail("readable", readable);
	}

}
