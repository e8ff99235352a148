package io.github.credentialprocess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * Reads a profile's {@code credential_process} from the AWS shared config file with the AWS SDK's
 * own parser, so that the file means here exactly what it means to the AWS CLI and SDKs. Only
 * loaded when a profile is used, because the {@code profiles} jar is optional.
 * <p>
 * Within a profile, {@code credential_process} comes before static keys, as in the AWS SDK for
 * Java v2 ({@code ProfileCredentialsUtils}: role, SSO, {@code credential_process}, session keys,
 * static keys).
 */
final class SharedConfigFile {

	private static final Logger logger = LoggerFactory.getLogger(CredentialProcessProvider.class);

	private static final List<String> STATIC_KEYS = List.of(ProfileProperty.AWS_ACCESS_KEY_ID,
			ProfileProperty.AWS_SECRET_ACCESS_KEY, ProfileProperty.AWS_SESSION_TOKEN);

	private SharedConfigFile() {
	}

	/**
	 * What a profile says to use: its credential process or, when it has none, its static keys.
	 */
	record ProfileSource(ProcessCommand command, ProcessCredentials staticCredentials) {
	}

	/**
	 * Reads a profile.
	 * @param requestedProfile the profile name, or {@code null} for {@code AWS_PROFILE}, else
	 * {@code default}
	 * @param requestedFile the config file, or {@code null} for {@code AWS_CONFIG_FILE}, else
	 * {@code ~/.aws/config}
	 */
	static ProfileSource read(String requestedProfile, Path requestedFile, Instant now) {
		Path file = (requestedFile != null) ? requestedFile : ProfileFileLocation.configurationFilePath();
		String profileName = (requestedProfile != null && !requestedProfile.isBlank()) ? requestedProfile
				: ProfileFileSystemSetting.AWS_PROFILE.getStringValue().orElse("default");
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("The AWS config file " + file + " does not exist; create it with a [profile "
					+ profileName + "] section that sets credential_process, or point AWS_CONFIG_FILE at the right file");
		}
		WritableFileWarning.check(file, "AWS config file");
		ProfileFile profiles = ProfileFile.builder().content(file).type(ProfileFile.Type.CONFIGURATION).build();
		Profile profile = profiles.profile(profileName)
			.orElseThrow(() -> new IllegalStateException("The AWS config file " + file + " has no profile '"
					+ profileName + "'; add a [" + ("default".equals(profileName) ? "default" : "profile " + profileName)
					+ "] section or choose one of " + profiles.profiles().keySet()));
		Optional<String> commandLine = profile.property(ProfileProperty.CREDENTIAL_PROCESS)
			.filter((command) -> !command.isBlank());
		if (commandLine.isPresent()) {
			warnAboutIgnoredStaticKeys(profile, profileName, file);
			return new ProfileSource(ProcessCommand.shell(commandLine.get()), null);
		}
		Optional<String> accessKeyId = profile.property(ProfileProperty.AWS_ACCESS_KEY_ID);
		Optional<String> secretAccessKey = profile.property(ProfileProperty.AWS_SECRET_ACCESS_KEY);
		if (accessKeyId.isPresent() && secretAccessKey.isPresent()) {
			return new ProfileSource(null,
					new ProcessCredentials(accessKeyId.get(), secretAccessKey.get(),
							profile.property(ProfileProperty.AWS_SESSION_TOKEN).orElse(null), Optional.empty(),
							profile.property(ProfileProperty.AWS_ACCOUNT_ID), Optional.empty(), now));
		}
		throw new IllegalStateException("Profile '" + profileName + "' in the AWS config file " + file
				+ " has no credential_process; add a line 'credential_process = <command>' to it");
	}

	/** Names the keys only: their values are secrets. */
	private static void warnAboutIgnoredStaticKeys(Profile profile, String profileName, Path file) {
		List<String> ignored = STATIC_KEYS.stream().filter((key) -> profile.property(key).isPresent()).toList();
		if (!ignored.isEmpty()) {
			logger.warn("Profile '{}' in the AWS config file {} holds both credential_process and {}: the "
					+ "credential_process is run and the keys are ignored, as in the AWS SDK for Java v2; remove "
					+ "the keys from the profile (or move them to a profile of their own)", profileName, file,
					String.join(", ", ignored));
		}
	}

}
