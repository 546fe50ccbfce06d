package io.github.mediastreaming.testsupport;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes Netty track every buffer of a test class ({@link ResourceLeakDetector.Level#PARANOID}), so a buffer
 * collected unreleased is reported ("LEAK:" in the log) whatever its sampling would have been, and puts
 * the previous level back after the class.
 */
public final class ParanoidLeakDetection implements BeforeAllCallback, AfterAllCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(ParanoidLeakDetection.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getStore(NAMESPACE).put(ResourceLeakDetector.Level.class, ResourceLeakDetector.getLevel());
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		ResourceLeakDetector.setLevel(context.getStore(NAMESPACE)
			.get(ResourceLeakDetector.Level.class, ResourceLeakDetector.Level.class));
	}

}
