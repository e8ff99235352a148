package io.github.credentialprocess.sample;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application of the config import tests: nothing but auto-configuration (the starter, Spring
 * Cloud AWS, actuator), started without a web server. Not a {@code @SpringBootConfiguration}, so
 * that the sample's own tests still find theirs, and a {@code @TestConfiguration}, so that their
 * component scan leaves it out.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ConfigImportApplication {

	/**
	 * Starts the application.
	 * @param customizer what a test changes before the start, such as another source
	 * @param arguments the command line, naming the test's configuration file
	 * ({@code --spring.config.name=...}) and its {@code test.*} values
	 * @return the started context
	 */
	static ConfigurableApplicationContext run(Consumer<SpringApplication> customizer, List<String> arguments) {
		SpringApplication application = new SpringApplication(ConfigImportApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		customizer.accept(application);
		return application.run(arguments.toArray(String[]::new));
	}

}
