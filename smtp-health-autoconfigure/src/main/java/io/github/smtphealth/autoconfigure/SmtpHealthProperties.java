package io.github.smtphealth.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the SMTP health check ({@code smtp.check.*}): one server at the top
 * level, more under {@code servers}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("smtp.check")
public class SmtpHealthProperties extends SmtpServerProperties {

	/**
	 * More SMTP servers to check, by name. Each takes every key of smtp.check and inherits the ones it
	 * does not set from the top level.
	 */
	private final Map<String, SmtpServerProperties> servers = new LinkedHashMap<>();

	public Map<String, SmtpServerProperties> getServers() {
		return this.servers;
	}

}
