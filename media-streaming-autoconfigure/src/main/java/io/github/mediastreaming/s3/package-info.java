/**
 * Media files in an S3-compatible object store (AWS S3, MinIO, Ceph RGW, Cloudflare R2, Google Cloud
 * Storage's XML API), read with the AWS SDK for Java v2's asynchronous client so no event-loop thread
 * waits on the network: {@link io.github.mediastreaming.s3.S3MediaStore} finds an object with a HEAD
 * request and opens an {@link io.github.mediastreaming.s3.S3MediaSource}, whose readers get ranged GETs
 * through a small block cache and whose response bodies are read ahead in ranged GETs sized to the
 * pacing rate. The SDK is an optional dependency: add {@code software.amazon.awssdk:s3} to use it.
 */
@NullMarked
package io.github.mediastreaming.s3;

import org.jspecify.annotations.NullMarked;
