package io.github.credentialprocess;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the engine usable without Spring and the optional integrations, and each integration
 * removable without touching the others.
 */
@AnalyzeClasses(packages = "io.github.credentialprocess", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule engineHasNoSpringImports = noClasses().that()
		.resideInAPackage("io.github.credentialprocess")
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
	static final ArchRule integrationsAreIndependentOfEachOther = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition
		.slices()
		.matching("io.github.credentialprocess.(awssdk|metrics|health|actuate)..")
		.should()
		.notDependOnEachOther();

	@ArchTest
	static final ArchRule autoConfigurationDoesNotDependOnTheIntegrations = noClasses().that()
		.resideInAPackage("io.github.credentialprocess.autoconfigure")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.github.credentialprocess.awssdk", "io.github.credentialprocess.metrics",
				"io.github.credentialprocess.health", "io.github.credentialprocess.actuate");

	@ArchTest
	static final ArchRule nothingDependsOnTheConfigImportIntegration = noClasses().that()
		.resideOutsideOfPackage("io.github.credentialprocess.configdata")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.github.credentialprocess.configdata");

	@ArchTest
	static final ArchRule engineDoesNotDependOnItsIntegrations = noClasses().that()
		.resideInAPackage("io.github.credentialprocess")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.github.credentialprocess.(*)..");

}
