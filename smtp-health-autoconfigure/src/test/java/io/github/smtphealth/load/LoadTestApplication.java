package io.github.smtphealth.load;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The smallest web application with actuator and the SMTP health check: whatever auto-configuration
 * the test class path brings, nothing else.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class LoadTestApplication {

}
