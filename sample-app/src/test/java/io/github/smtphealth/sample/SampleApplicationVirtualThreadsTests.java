package io.github.smtphealth.sample;

import org.apache.tomcat.util.threads.VirtualThreadExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample with {@code spring.threads.virtual.enabled=true}, as {@code .ci/run} runs every sample
 * test on Java 25: this class proves that the property reached the application (Tomcat serves requests
 * on virtual threads) and that the check works there. It runs only in that run.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "smtp.check.warning=5s")
@EnabledIfSystemProperty(named = "spring.threads.virtual.enabled", matches = "true")
@DirtiesContext
class SampleApplicationVirtualThreadsTests {

	@Test
	void requestsShouldRunOnVirtualThreadsAndSmtpHealthShouldBeUp(@Autowired ServletWebServerApplicationContext context,
			@LocalServerPort int port) {
		TomcatWebServer webServer = (TomcatWebServer) context.getWebServer();
		assertThat(webServer.getTomcat().getConnector().getProtocolHandler().getExecutor())
			.isInstanceOf(VirtualThreadExecutor.class);
		new ActuatorClient(port).health("/actuator/health/smtp", 200, "UP");
	}

}
