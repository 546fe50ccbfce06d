/**
 * Signed, expiring media URLs, as nginx's {@code secure_link} but with HMAC-SHA256: a link carries
 * {@code expires} (epoch seconds) and {@code signature}, the unpadded base64url HMAC-SHA256 of
 * {@code expires + path} under a secret key. {@link io.github.mediastreaming.signing.MediaUrlSigner}
 * builds such links, {@link io.github.mediastreaming.signing.SignedUrlVerifier} checks them. Pure code:
 * the time comes from a {@link java.time.Clock}, and nothing here knows about HTTP.
 */
@NullMarked
package io.github.mediastreaming.signing;

import org.jspecify.annotations.NullMarked;
