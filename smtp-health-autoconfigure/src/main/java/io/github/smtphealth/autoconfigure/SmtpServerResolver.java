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

/**
 * Works out which servers to check and with which properties: the top-level {@code smtp.check}
 * server, each {@code smtp.check.servers.<name>} with the top level's values as defaults, or, when
 * neither names a host, the application's own mail server from {@code spring.mail.*}.
 */
final class SmtpServerResolver {

	static final String PREFIX = "smtp.check";

	static final String DEFAULT_SERVER_NAME = "default";

	private static final Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9_-]+");

	private final Binder binder;

	SmtpServerResolver(Binder binder) {
		this.binder = binder;
	}

	/**
	 * One server to check.
	 *
	 * @param name its name, {@code default} for the top level
	 * @param prefix where its properties live, for error messages
	 * @param properties its properties, inherited values filled in
	 * @param named whether it is one of {@code smtp.check.servers}
	 */
	record Server(String name, String prefix, SmtpServerProperties properties, boolean named) {
	}

	List<Server> resolve(SmtpHealthProperties properties) {
		List<Server> servers = new ArrayList<>();
		if (properties.getHost() != null) {
			servers.add(new Server(DEFAULT_SERVER_NAME, PREFIX, properties, false));
		}
		else if (properties.getServers().isEmpty()) {
			SmtpServerProperties fromMail = fromSpringMail();
			if (fromMail != null) {
				servers.add(new Server(DEFAULT_SERVER_NAME, "spring.mail", fromMail, false));
			}
		}
		for (String name : properties.getServers().keySet()) {
			String prefix = PREFIX + ".servers." + name;
			if (!SERVER_NAME.matcher(name).matches() || (DEFAULT_SERVER_NAME.equals(name) && !servers.isEmpty())) {
				throw new InvalidConfigurationPropertyValueException(prefix, name,
						"Server names may use only letters, digits, '-' and '_', and 'default' is taken by the top-level server");
			}
			servers.add(new Server(name, prefix, inherit(name), true));
		}
		return servers;
	}

	/**
	 * Bind the top level first, then the named server over it, so that the server inherits every key it
	 * does not set.
	 */
	private SmtpServerProperties inherit(String name) {
		SmtpServerProperties merged = new SmtpServerProperties();
		this.binder.bind(PREFIX, Bindable.ofInstance(merged));
		this.binder.bind(PREFIX + ".servers[" + name + "]", Bindable.ofInstance(merged));
		return merged;
	}

	/**
	 * Return properties for the application's own mail server, with {@code smtp.check} thresholds and
	 * options, or {@code null} if {@code spring.mail.host} is not set either.
	 */
	private @Nullable SmtpServerProperties fromSpringMail() {
		String host = this.binder.bind("spring.mail.host", String.class).orElse(null);
		if (host == null || host.isBlank()) {
			return null;
		}
		SmtpServerProperties merged = new SmtpServerProperties();
		this.binder.bind(PREFIX, Bindable.ofInstance(merged));
		merged.setHost(host);
		this.binder.bind("spring.mail.port", Integer.class).ifBound(merged::setPort);
		this.binder.bind("spring.mail.username", String.class).ifBound(merged.getAuth()::setUsername);
		this.binder.bind("spring.mail.password", String.class).ifBound(merged.getAuth()::setPassword);
		Map<String, String> javaMail = this.binder
			.bind("spring.mail.properties", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		boolean smtps = "smtps".equalsIgnoreCase(this.binder.bind("spring.mail.protocol", String.class).orElse(""))
				|| this.binder.bind("spring.mail.ssl.enabled", Boolean.class).orElse(false)
				|| "true".equalsIgnoreCase(javaMail.get("mail.smtp.ssl.enable"));
		boolean startTls = "true".equalsIgnoreCase(javaMail.get("mail.smtp.starttls.enable"))
				|| "true".equalsIgnoreCase(javaMail.get("mail.smtp.starttls.required"));
		if (smtps) {
			merged.setSecurity(Security.SMTPS);
		}
		else if (startTls) {
			merged.setSecurity(Security.STARTTLS);
		}
		if (merged.getTls().getBundle() == null) {
			this.binder.bind("spring.mail.ssl.bundle", String.class).ifBound(merged.getTls()::setBundle);
		}
		return merged;
	}

}
