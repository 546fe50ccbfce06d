package io.github.mediastreaming.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A PKCS12 key store with a self-signed certificate for 127.0.0.1, made with the JDK's {@code keytool}
 * (so no test depends on a checked-in key), and a client {@link SSLContext} that trusts exactly it.
 */
public final class SelfSignedKeyStore {

	/** The store's and the key's password. */
	public static final String PASSWORD = "changeit";

	private final Path file;

	private SelfSignedKeyStore(Path file) {
		this.file = file;
	}

	/**
	 * Make a key store in a new temporary folder.
	 * @return the key store
	 */
	public static SelfSignedKeyStore create() {
		try {
			Path file = Files.createTempDirectory("tls").resolve("server.p12");
			String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
			Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC",
					"-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost", "-ext",
					"SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", file.toString(),
					"-storepass", PASSWORD, "-keypass", PASSWORD)
				.redirectErrorStream(true)
				.start();
			process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("keytool failed to make a key store");
			}
			return new SelfSignedKeyStore(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Make the test's server serve TLS with this store's certificate ({@code server.ssl.*}).
	 * @param registry the test's dynamic properties
	 */
	public void serveWith(DynamicPropertyRegistry registry) {
		registry.add("server.ssl.key-store", () -> this.file.toString());
		registry.add("server.ssl.key-store-type", () -> "PKCS12");
		registry.add("server.ssl.key-store-password", () -> PASSWORD);
	}

	/** @return the PKCS12 file */
	public Path file() {
		return this.file;
	}

	/**
	 * Return a client context that trusts this store's certificate.
	 * @return the context
	 */
	public SSLContext clientContext() {
		try (InputStream in = Files.newInputStream(this.file)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, PASSWORD.toCharArray());
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(store);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot trust the test key store", ex);
		}
	}

}
