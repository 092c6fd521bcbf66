package io.github.smtphealth.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.smtphealth.health.PendingStatus;

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

	/**
	 * Health status of a server whose first check is still running: out-of-service keeps a readiness
	 * group that includes smtp out of service until the server was checked once, unknown lets it
	 * become ready before.
	 */
	private PendingStatus pendingStatus = PendingStatus.OUT_OF_SERVICE;

	public Map<String, SmtpServerProperties> getServers() {
		return this.servers;
	}

	public PendingStatus getPendingStatus() {
		return this.pendingStatus;
	}

	public void setPendingStatus(PendingStatus pendingStatus) {
		this.pendingStatus = pendingStatus;
	}

}
