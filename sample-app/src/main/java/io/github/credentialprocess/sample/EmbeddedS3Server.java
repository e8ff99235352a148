package io.github.credentialprocess.sample;

import java.net.URI;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * An in-memory S3 server (S3Proxy) on a loopback port that really checks request signatures: its
 * only identity is the demo credential process's key pair, so a request signed with any other
 * secret gets {@code 403 SignatureDoesNotMatch}.
 */
public class EmbeddedS3Server implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedS3Server.class);

	private final S3Proxy s3Proxy;

	public EmbeddedS3Server(String accessKeyId, String secretAccessKey) throws Exception {
		this.s3Proxy = S3Proxy.builder()
			.blobStore(new TransientNio2BlobStore())
			.endpoint(URI.create("http://127.0.0.1:0"))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKeyId, secretAccessKey)
			// The session token header is signed like any other, but S3Proxy does not know it.
			.ignoreUnknownHeaders(true)
			.build();
		this.s3Proxy.start();
		logger.info("Embedded S3 server listening on {}", endpoint());
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.s3Proxy.getPort());
	}

	@Override
	public void destroy() throws Exception {
		this.s3Proxy.stop();
	}

}
