package io.github.credentialprocess.sample;

import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A few S3 calls over HTTP, each signed with credentials from the credential process.
 */
@RestController
@RequestMapping("/buckets/{bucket}")
class StorageController {

	private final S3Client s3;

	StorageController(S3Client s3) {
		this.s3 = s3;
	}

	@PutMapping
	Map<String, String> createBucket(@PathVariable String bucket) {
		this.s3.createBucket((request) -> request.bucket(bucket));
		return Map.of("bucket", bucket, "created", "true");
	}

	@PutMapping("/objects/{key}")
	Map<String, String> putObject(@PathVariable String bucket, @PathVariable String key, @RequestBody String content) {
		var body = software.amazon.awssdk.core.sync.RequestBody.fromString(content);
		String eTag = this.s3.putObject((request) -> request.bucket(bucket).key(key), body).eTag();
		return Map.of("bucket", bucket, "key", key, "eTag", eTag);
	}

	@GetMapping("/objects/{key}")
	String getObject(@PathVariable String bucket, @PathVariable String key) {
		return this.s3.getObjectAsBytes((request) -> request.bucket(bucket).key(key)).asUtf8String();
	}

	@GetMapping("/objects")
	List<String> listObjects(@PathVariable String bucket) {
		return this.s3.listObjectsV2((request) -> request.bucket(bucket)).contents().stream().map(S3Object::key).toList();
	}

}
