package io.github.smtphealth.autoconfigure;

import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Publishes the {@link ApplicationReadyEvent} that {@code SpringApplication} would, for contexts made by
 * an {@code ApplicationContextRunner}, which publishes none: the health check's first probes and
 * background schedule start on it.
 */
public final class ApplicationReady {

	private ApplicationReady() {
	}

	/**
	 * Tell the context's listeners that the application is ready.
	 * @param context the context
	 */
	public static void publish(AssertableApplicationContext context) {
		ConfigurableApplicationContext source = context.getSourceApplicationContext(ConfigurableApplicationContext.class);
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], source, Duration.ZERO));
	}

}
