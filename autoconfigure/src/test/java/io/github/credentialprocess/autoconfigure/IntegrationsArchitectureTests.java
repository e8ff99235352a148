package io.github.credentialprocess.autoconfigure;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps each integration removable without touching the others, and the core auto-configuration
 * free of all of them.
 */
@AnalyzeClasses(packages = "io.github.credentialprocess", importOptions = ImportOption.DoNotIncludeTests.class)
class IntegrationsArchitectureTests {

	@ArchTest
	static final ArchRule integrationsAreIndependentOfEachOther = SlicesRuleDefinition.slices()
		.matching("io.github.credentialprocess.(awssdk|metrics|observation|health|actuate)..")
		.should()
		.notDependOnEachOther();

	@ArchTest
	static final ArchRule autoConfigurationDoesNotDependOnTheIntegrations = noClasses().that()
		.resideInAPackage("io.github.credentialprocess.autoconfigure")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.github.credentialprocess.awssdk..", "io.github.credentialprocess.metrics",
				"io.github.credentialprocess.observation", "io.github.credentialprocess.health",
				"io.github.credentialprocess.actuate");

	@ArchTest
	static final ArchRule nothingDependsOnTheConfigImportIntegration = noClasses().that()
		.resideOutsideOfPackage("io.github.credentialprocess.configdata")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.github.credentialprocess.configdata");

}
