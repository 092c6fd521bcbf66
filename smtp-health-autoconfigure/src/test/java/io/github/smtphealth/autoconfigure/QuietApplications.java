package io.github.smtphealth.autoconfigure;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/**
 * A real {@link SpringApplication}, so that environment post-processors and failure analyzers run
 * (an {@code ApplicationContextRunner} runs neither), without a web server, banner or startup info.
 */
final class QuietApplications {

	private QuietApplications() {
	}

	static SpringApplication of(Class<?> source) {
		SpringApplication application = new SpringApplication(source);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		return application;
	}

}
