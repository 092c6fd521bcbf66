package io.github.smtphealth.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.smtphealth.probe.Security;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Works out which servers to check and with which properties: the top-level {@code smtp.check}
 * server, each {@code smtp.check.servers.<name>} with the top level's values as defaults, or, when
 * neither names a host, the application's own mail server from {@code spring.mail.*}.
 */
final class SmtpServerResolver {

	static final String PREFIX = "smtp.check";

	static final String DEFAULT_SERVER_NAME = "default";

	/**
	 * Boot's canonical form of a map key, which binds the same from properties, YAML and environment
	 * variables.
	 */
	private static final Pattern SERVER_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private final Binder binder;

	SmtpServerResolver(Binder binder) {
		this.binder = binder;
	}

	/**
	 * One server to check.
	 *
	 * @param name its name, {@code default} for the top level
	 * @param propertyNames where its properties were configured, for error messages
	 * @param properties its properties, inherited values filled in
	 */
	record Server(String name, PropertyNames propertyNames, SmtpServerProperties properties) {
	}

	List<Server> resolve(SmtpHealthProperties properties) {
		List<Server> servers = new ArrayList<>();
		if (StringUtils.hasText(properties.getHost())) {
			servers.add(new Server(DEFAULT_SERVER_NAME, PropertyNames.under(PREFIX), properties));
		}
		else if (properties.getServers().isEmpty()) {
			SmtpServerProperties fromMail = fromSpringMail();
			if (fromMail != null) {
				servers.add(new Server(DEFAULT_SERVER_NAME, PropertyNames.springMail(), fromMail));
			}
		}
		for (String name : properties.getServers().keySet()) {
			String prefix = PREFIX + ".servers." + name;
			if (!SERVER_NAME.matcher(name).matches()) {
				throw new InvalidConfigurationPropertyValueException(prefix, name,
						"Server names may use only lowercase letters, digits and '-'");
			}
			if (DEFAULT_SERVER_NAME.equals(name) && !servers.isEmpty()) {
				throw new InvalidConfigurationPropertyValueException(prefix, name,
						"'default' is the name of the top-level server (smtp.check.host)");
			}
			servers.add(new Server(name, PropertyNames.under(prefix), inherit(prefix)));
		}
		return servers;
	}

	/**
	 * Bind the top level first, then the named server over it, so that the server inherits every key it
	 * does not set.
	 */
	private SmtpServerProperties inherit(String prefix) {
		SmtpServerProperties merged = new SmtpServerProperties();
		this.binder.bind(PREFIX, Bindable.ofInstance(merged));
		this.binder.bind(prefix, Bindable.ofInstance(merged));
		return merged;
	}

	/**
	 * Return properties for the application's own mail server, with {@code smtp.check} thresholds and
	 * options, or {@code null} if {@code spring.mail.host} is not set either. Like JavaMail, it
	 * authenticates only when both a user name and a password are set.
	 */
	private @Nullable SmtpServerProperties fromSpringMail() {
		String host = this.binder.bind("spring.mail.host", String.class).orElse(null);
		if (!StringUtils.hasText(host)) {
			return null;
		}
		SmtpServerProperties merged = new SmtpServerProperties();
		this.binder.bind(PREFIX, Bindable.ofInstance(merged));
		merged.setHost(host);
		Integer port = this.binder.bind("spring.mail.port", Integer.class).orElse(null);
		if (port != null) {
			if (port < 1 || port > 65535) {
				throw new InvalidConfigurationPropertyValueException("spring.mail.port", port,
						"Must be between 1 and 65535");
			}
			merged.setPort(port);
		}
		String username = this.binder.bind("spring.mail.username", String.class).orElse(null);
		String password = this.binder.bind("spring.mail.password", String.class).orElse(null);
		if (StringUtils.hasText(username) && password != null) {
			merged.getAuth().setUsername(username);
			merged.getAuth().setPassword(password);
		}
		merged.setSecurity(mailSecurity(merged.getSecurity()));
		if (merged.getTls().getBundle() == null) {
			this.binder.bind("spring.mail.ssl.bundle", String.class).ifBound(merged.getTls()::setBundle);
		}
		return merged;
	}

	private Security mailSecurity(Security fallback) {
		Map<String, String> javaMail = this.binder
			.bind("spring.mail.properties", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		boolean smtps = "smtps".equalsIgnoreCase(this.binder.bind("spring.mail.protocol", String.class).orElse(""))
				|| this.binder.bind("spring.mail.ssl.enabled", Boolean.class).orElse(false)
				|| "true".equalsIgnoreCase(javaMail.get("mail.smtp.ssl.enable"));
		if (smtps) {
			return Security.SMTPS;
		}
		boolean startTls = "true".equalsIgnoreCase(javaMail.get("mail.smtp.starttls.enable"))
				|| "true".equalsIgnoreCase(javaMail.get("mail.smtp.starttls.required"));
		return startTls ? Security.STARTTLS : fallback;
	}

}
