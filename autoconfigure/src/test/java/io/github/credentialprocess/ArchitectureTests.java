package io.github.credentialprocess;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the engine usable without Spring and without the optional integrations.
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
	static final ArchRule engineDoesNotDependOnItsIntegrations = noClasses().that()
		.resideInAPackage("io.github.credentialprocess")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.github.credentialprocess.(*)..");

}
