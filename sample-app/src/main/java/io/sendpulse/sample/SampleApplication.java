package io.sendpulse.sample;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A small service that notifies customers by SMS, verifies phone numbers, places calls
 * and receives SendPulse webhooks. Run with {@code --demo} to go through the whole loop
 * once and exit.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = application(args).run(args);
		if (DemoRunner.isRequested(args)) {
			System.exit(SpringApplication.exit(context));
		}
	}

	/**
	 * Create the application for the given arguments: a demo run listens on a free port
	 * unless told otherwise, so that it works while something else holds 8080.
	 * @param args the command line arguments
	 * @return the application, not yet run
	 */
	static SpringApplication application(String[] args) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		if (DemoRunner.isRequested(args)) {
			application.setDefaultProperties(Map.of("server.port", "0"));
		}
		return application;
	}

}
