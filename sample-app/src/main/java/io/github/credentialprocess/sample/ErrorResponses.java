package io.github.credentialprocess.sample;

import java.util.Map;

import io.github.credentialprocess.CredentialProcessException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Shows why an S3 call failed: S3's own status and error code, or the credential process's error
 * code when no credentials could be had.
 */
@RestControllerAdvice
class ErrorResponses {

	@ExceptionHandler
	ResponseEntity<Map<String, String>> s3Error(S3Exception ex) {
		String code = (ex.awsErrorDetails() != null && ex.awsErrorDetails().errorCode() != null)
				? ex.awsErrorDetails().errorCode() : "Unknown";
		return ResponseEntity.status(ex.statusCode()).body(Map.of("source", "s3", "error", code));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> credentialError(SdkClientException ex) {
		Throwable cause = ex;
		while (cause != null && !(cause instanceof CredentialProcessException)) {
			cause = cause.getCause();
		}
		if (cause instanceof CredentialProcessException failure) {
			return credentialError(failure);
		}
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("source", "aws-sdk", "error", "client"));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> credentialError(CredentialProcessException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.body(Map.of("source", "credential-process", "error", ex.code().name()));
	}

}
