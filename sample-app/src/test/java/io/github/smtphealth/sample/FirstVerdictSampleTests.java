package io.github.smtphealth.sample;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The sample on a random port, its own context per test class, seen through an actuator client that
 * has waited for the first SMTP verdict. Subclasses add their properties with
 * {@code @TestPropertySource}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
abstract class FirstVerdictSampleTests {

	protected final ActuatorClient actuator;

	FirstVerdictSampleTests(int port) {
		this.actuator = new ActuatorClient(port).awaitFirstVerdict();
	}

}
