package io.github.smtphealth.load;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The smallest web application with actuator and the SMTP health check: whatever auto-configuration
 * the test class path brings, nothing else. {@link #main} runs it in a JVM of its own.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class LoadTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(LoadTestApplication.class, args);
	}

}
