package io.github.credentialprocess;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Keeps the engine a library of its own (usable by any JVM application, with the AWS SDK only where
 * it is needed and Spring nowhere), and keeps each of its rules in the one place that makes it true:
 * only a flight runs the helper, only the gate admits a spawn, only a flight publishes credentials,
 * only the façade asks for flights, and only the provider's thread exists.
 */
@AnalyzeClasses(packages = "io.github.credentialprocess", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule coreHasNoSpringMicrometerOrSpringCloudAwsImports = noClasses().that()
		.resideInAPackage("io.github.credentialprocess..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "io.micrometer..", "io.awspring..");

	@ArchTest
	static final ArchRule engineUsesTheAwsSdkOnlyToReadTheSharedConfigFile = noClasses().that()
		.resideInAPackage("io.github.credentialprocess")
		.and()
		.doNotHaveSimpleName("SharedConfigFile")
		.and()
		.doNotHaveSimpleName("SharedConfigFile$ProfileSource")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("software.amazon..");

	@ArchTest
	static final ArchRule engineDoesNotDependOnItsAdapters = noClasses().that()
		.resideInAPackage("io.github.credentialprocess")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.github.credentialprocess.(*)..");

	@ArchTest
	static final ArchRule onlyAFlightRunsTheHelper = noClasses().that()
		.doNotHaveSimpleName("CredentialRun")
		.should()
		.callMethod(ProcessRunner.class, "run", ProcessCredentials.class, ProcessRunner.Admission.class);

	@ArchTest
	static final ArchRule onlyTheGateAdmitsASpawn = noClasses().that()
		.doNotHaveSimpleName("RunGate")
		.and()
		.doNotHaveSimpleName("Lifecycle")
		.should()
		.callMethod(Lifecycle.class, "whileCurrent", int.class, java.util.function.Supplier.class);

	@ArchTest
	static final ArchRule onlyAFlightPublishesCredentials = noClasses().that()
		.doNotHaveSimpleName("CredentialRun")
		.should()
		.callMethod(Lifecycle.class, "publish", int.class, CachedCredentials.class)
		.orShould()
		.callMethod(Lifecycle.class, "replace", int.class, CachedCredentials.class, CachedCredentials.class);

	@ArchTest
	static final ArchRule onlyTheProviderAsksForFlights = noClasses().that()
		.doNotHaveSimpleName("CredentialProcessProvider")
		.and()
		.doNotHaveSimpleName("SingleFlight")
		.should()
		.callMethod(SingleFlight.class, "join", CredentialProcessListener.Trigger.class)
		.orShould()
		.callMethod(SingleFlight.class, "await", CredentialProcessListener.Trigger.class);

	/** Besides the providers' threads, one thread a JVM that runs only when it exits (HelpersAtExit). */
	@ArchTest
	static final ArchRule onlyTheProviderThreadMakesThreads = noClasses().that()
		.doNotHaveSimpleName("ProviderThread")
		.and()
		.doNotHaveSimpleName("HelpersAtExit")
		.should()
		.callConstructorWhere(com.tngtech.archunit.core.domain.JavaConstructorCall.Predicates.target(
				com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
						com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo(Thread.class)
							.or(com.tngtech.archunit.core.domain.JavaClass.Predicates
								.assignableTo(java.util.concurrent.ExecutorService.class)))));

	@Test
	void springIsNotOnTheTestClassPathEither() {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("org.springframework.core.SpringVersion"));
	}

}
