package io.github.credentialprocess;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Keeps the engine a library of its own: usable by any JVM application, with the AWS SDK only where
 * it is needed and Spring nowhere.
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

	@Test
	void springIsNotOnTheTestClassPathEither() {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("org.springframework.core.SpringVersion"));
	}

}
