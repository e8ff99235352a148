package io.github.credentialprocess.autoconfigure;

import java.beans.PropertyDescriptor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider's settings compared as bound: every setting takes part, named as it is configured and
 * never shown with its value.
 */
class SettingsDifferenceTests {

	private static final String PREFIX = "aws.credential-process.providers.billing.";

	@Test
	void twoBindingsOfTheSameSettingsDoNotDiffer() {
		assertThat(SettingsDifference.first(configured(), configured(), PREFIX)).isEmpty();
	}

	@Test
	void eachSettingThatDiffersIsNamedAsItIsConfigured() {
		List<String> named = new ArrayList<>();
		for (Changed changed : changes()) {
			ProviderProperties after = configured();
			changed.change().accept(after);
			named.add(SettingsDifference.first(configured(), after, PREFIX).orElseThrow());
		}
		assertThat(named).containsExactly(PREFIX + "argv", PREFIX + "command", PREFIX + "duration",
				PREFIX + "environment", PREFIX + "expiry-window", PREFIX + "fail-fast", PREFIX + "max-buffer-size",
				PREFIX + "min-refresh-interval", PREFIX + "profile", PREFIX + "refresh-jitter",
				PREFIX + "retry.initial-delay", PREFIX + "retry.max-delay", PREFIX + "timeout",
				PREFIX + "working-directory");
	}

	@Test
	void everyPropertyOfTheProvidersSettingsIsCompared() {
		// A setting added to ProviderProperties without a change above fails here, not silently.
		List<String> properties = new ArrayList<>();
		for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(ProviderProperties.class)) {
			if (!property.getName().equals("class")) {
				properties.add(property.getName());
			}
		}
		assertThat(properties).hasSize(changes().size() - 1);
	}

	@Test
	void theValuesThatDifferAreNeverPartOfTheAnswer() {
		ProviderProperties after = configured();
		after.getEnvironment().put("HELPER_TOKEN", "a-value-only-the-profile-file-holds");
		assertThat(SettingsDifference.first(configured(), after, PREFIX)).contains(PREFIX + "environment");
	}

	@Test
	void onlyWhatItRunsWithWhichVariablesAndWhereSaysWhoAProviderSignsAs() {
		assertThat(List.of("command", "argv", "profile", "environment", "working-directory"))
			.allMatch((setting) -> SettingsDifference.namesTheIdentity(PREFIX + setting, PREFIX));
		assertThat(List.of("timeout", "duration", "max-buffer-size", "expiry-window", "refresh-jitter",
				"min-refresh-interval", "retry.initial-delay", "retry.max-delay", "fail-fast"))
			.noneMatch((setting) -> SettingsDifference.namesTheIdentity(PREFIX + setting, PREFIX));
	}

	private static ProviderProperties configured() {
		ProviderProperties properties = new ProviderProperties();
		properties.setCommand("helper --profile dev");
		properties.setEnvironment(new java.util.LinkedHashMap<>(Map.of("REGION", "eu-west-1")));
		return properties;
	}

	private record Changed(java.util.function.Consumer<ProviderProperties> change) {
	}

	/** One change of each setting, in the order of the properties' names; retry has two. */
	private static List<Changed> changes() {
		return List.of(new Changed((p) -> p.setArgv(List.of("helper", "--profile", "prod"))),
				new Changed((p) -> p.setCommand("helper --profile prod")),
				new Changed((p) -> p.setDuration(Duration.ofMinutes(30))),
				new Changed((p) -> p.getEnvironment().put("REGION", "us-east-1")),
				new Changed((p) -> p.setExpiryWindow(Duration.ofMinutes(1))), new Changed((p) -> p.setFailFast(true)),
				new Changed((p) -> p.setMaxBufferSize(DataSize.ofKilobytes(16))),
				new Changed((p) -> p.setMinRefreshInterval(Duration.ofSeconds(1))),
				new Changed((p) -> p.setProfile("prod")), new Changed((p) -> p.setRefreshJitter(0.1)),
				new Changed((p) -> p.getRetry().setInitialDelay(Duration.ofSeconds(2))),
				new Changed((p) -> p.getRetry().setMaxDelay(Duration.ofMinutes(1))),
				new Changed((p) -> p.setTimeout(Duration.ofSeconds(20))),
				new Changed((p) -> p.setWorkingDirectory(Path.of("/srv"))));
	}

}
